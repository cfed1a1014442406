package dev.dafu.crawler;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps the crawler off addresses a site on the internet never has: loopback, private,
 * link-local (which includes cloud metadata at 169.254.169.254), carrier-grade NAT,
 * unique-local, multicast and unspecified addresses. It checks every address the host
 * name resolves to, not the name, and is asked again for every redirect, so neither DNS
 * tricks nor redirects get around it. The JVM caches the lookup (30 s by default), so the
 * connection that follows goes to an address checked here.
 */
final class AddressGuard {

	private AddressGuard() {
	}

	/**
	 * @throws BlockedAddressException when {@code uri} is not http(s), or its host
	 * resolves to an address outside the public internet and {@code allowPrivateNetwork}
	 * is false
	 * @throws UnknownHostException when the host does not resolve
	 */
	static void check(URI uri, boolean allowPrivateNetwork) throws UnknownHostException, BlockedAddressException {
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
			boolean carrierGradeNat = first == 100 && second >= 64 && second <= 127;
			boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
					|| (first == 198 && (second == 18 || second == 19));
			return !carrierGradeNat && !reserved;
		}
		if (address instanceof Inet6Address) {
			boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
			boolean mappedIpv4 = isIpv4Mapped(bytes);
			if (mappedIpv4) {
				try {
					return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			return !uniqueLocal;
		}
		return false;
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
	}

	static class BlockedAddressException extends java.io.IOException {

		BlockedAddressException(String message) {
			super(message);
		}

	}

}
