package dev.dafu.crawler.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Keeps the crawler off addresses a site on the internet never has: loopback, private,
 * link-local (which includes cloud metadata at 169.254.169.254), carrier-grade NAT,
 * unique-local, multicast, unspecified, documentation and tunnel (Teredo) addresses, and
 * IPv6 forms that carry one of those in an IPv4 address (mapped, compatible, NAT64,
 * 6to4). It checks every address the host name resolves to, not the name, and is asked
 * again for every redirect, so neither DNS tricks nor redirects get around it. The JVM
 * caches the lookup (30 s by default), so the connection that follows goes to an address
 * checked here.
 */
public final class AddressGuard {

	private AddressGuard() {
	}

	/**
	 * @throws BlockedAddressException when {@code uri} is not http(s), or its host
	 * resolves to an address outside the public internet and {@code allowPrivateNetwork}
	 * is false
	 * @throws UnknownHostException when the host does not resolve
	 */
	public static void check(URI uri, boolean allowPrivateNetwork)
			throws UnknownHostException, BlockedAddressException {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new BlockedAddressException(uri + ": only http and https are fetched");
		}
		if (uri.getHost() == null) {
			throw new BlockedAddressException(uri + ": no host");
		}
		if (allowPrivateNetwork) {
			return;
		}
		for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
			if (!isPublic(address)) {
				throw new BlockedAddressException(
						uri + ": " + uri.getHost() + " resolves to " + address.getHostAddress()
								+ ", not a public address (set allowPrivateNetwork on the site to allow it)");
			}
		}
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			int third = bytes[2] & 0xff;
			boolean carrierGradeNat = first == 100 && second >= 64 && second <= 127;
			boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && third == 0)
					|| (first == 198 && (second == 18 || second == 19));
			boolean documentation = (first == 192 && second == 0 && third == 2)
					|| (first == 198 && second == 51 && third == 100) || (first == 203 && second == 0 && third == 113);
			boolean relay6to4 = first == 192 && second == 88 && third == 99;
			return !carrierGradeNat && !reserved && !documentation && !relay6to4;
		}
		if (address instanceof Inet6Address) {
			byte[] embedded = embeddedIpv4(bytes);
			if (embedded != null) {
				try {
					return isPublic(InetAddress.getByAddress(embedded));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
			boolean teredo = startsWith(bytes, 0x20, 0x01, 0x00, 0x00);
			boolean documentation = startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8);
			boolean localNat64 = startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01);
			boolean discard = startsWith(bytes, 0x01, 0x00, 0, 0, 0, 0, 0, 0);
			return !uniqueLocal && !teredo && !documentation && !localNat64 && !discard;
		}
		return false;
	}

	/**
	 * The IPv4 address an IPv6 address carries and leads to: IPv4-mapped
	 * ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}), NAT64
	 * ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:aabb:ccdd::}); null for any other.
	 */
	private static byte[] embeddedIpv4(byte[] bytes) {
		boolean zeroPrefix = startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		if ((zeroPrefix && (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)
				|| startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
				|| startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		if (startsWith(bytes, 0x20, 0x02)) {
			return Arrays.copyOfRange(bytes, 2, 6);
		}
		return null;
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	public static class BlockedAddressException extends java.io.IOException {

		public BlockedAddressException(String message) {
			super(message);
		}

	}

}
