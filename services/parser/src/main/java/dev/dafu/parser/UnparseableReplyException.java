package dev.dafu.parser;

/**
 * A page looks like a reply but lacks what every reply must have. The record goes to the
 * dead-letter topic with this message as its reason; it is not retried, since the same
 * bytes fail the same way.
 */
public class UnparseableReplyException extends RuntimeException {

	private final String reason;

	public UnparseableReplyException(String url, String reason) {
		super(reason + " [url=" + url + ", extractor=" + ReplyParser.EXTRACTOR_VERSION + "]");
		this.reason = reason;
	}

	/** Why the page cannot be read, without its URL and the extractor version. */
	public String reason() {
		return this.reason;
	}

}
