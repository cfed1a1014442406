package dev.dafu.reply;

import java.util.regex.Pattern;

/**
 * Derives a reply's stable id. A reply is identified by its issuer and document number,
 * or by its issuer and normalised title when it has no number, never by URL: the same
 * reply published under two URLs gets one id.
 */
public final class ReplyIdentity {

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

	private static final Pattern OPENING_BRACKETS = Pattern.compile("[\\[［（(〔]");

	private static final Pattern CLOSING_BRACKETS = Pattern.compile("[\\]］）)〕]");

	/** What {@link #of} makes: the first 32 hex digits of a SHA-256. */
	private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

	private ReplyIdentity() {
	}

	/** Whether {@code id} has the form of a reply's id; no other string is one. */
	public static boolean isWellFormed(String id) {
		return id != null && ID.matcher(id).matches();
	}

	public static String of(String issuer, String documentNumber, String title) {
		if (issuer == null || issuer.isBlank()) {
			throw new IllegalArgumentException("a reply id needs an issuer");
		}
		String distinguishing = documentNumber != null && !documentNumber.isBlank()
				? "no:" + normaliseDocumentNumber(documentNumber) : "title:" + normaliseTitle(title);
		return Sha256.hex(normalise(issuer) + "\n" + distinguishing).substring(0, 32);
	}

	/** Folds the bracket and spacing variants sites use for the same number. */
	static String normaliseDocumentNumber(String documentNumber) {
		return CLOSING_BRACKETS.matcher(OPENING_BRACKETS.matcher(normalise(documentNumber)).replaceAll("〔"))
			.replaceAll("〕");
	}

	static String normaliseTitle(String title) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("a reply id needs a document number or a title");
		}
		return normalise(title);
	}

	private static String normalise(String text) {
		return WHITESPACE.matcher(text).replaceAll("");
	}

}
