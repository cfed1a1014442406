package dev.dafu.reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text or bytes, as the lower-case hex the services use for ids and content
 * hashes.
 */
public final class Sha256 {

	/** One digest a thread: looking one up costs more than hashing a short id. */
	private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	});

	private Sha256() {
	}

	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String hex(byte[] bytes) {
		// digest() resets the digest for its next use.
		return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
	}

}
