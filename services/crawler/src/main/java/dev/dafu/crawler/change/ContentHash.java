package dev.dafu.crawler.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jsoup.nodes.Document;

/**
 * The hash of what a reader sees of a detail page with its continuation pages and files:
 * the text of HTML with whitespace folded, so that a changed timestamp or script in the
 * markup is no change, and the bytes of anything else. A page whose hash equals the one
 * its history holds is not sent again.
 */
public final class ContentHash {

	private final MessageDigest digest;

	public ContentHash() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/** Adds an HTML page: its text, as a reader sees it. */
	public ContentHash add(Document page) {
		this.digest.update(page.text().replaceAll("\\s+", " ").strip().getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/** Adds anything else (a PDF, a Word file): its bytes. */
	public ContentHash add(byte[] content) {
		this.digest.update(content);
		return this;
	}

	/** The hash of all added, in hex; the hash cannot be added to after. */
	public String hex() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

}
