package dev.dafu.reply;

import java.util.HexFormat;

/**
 * What two replies' {@link Enrichment#fingerprint() fingerprints} (64-bit SimHashes, 16
 * hex digits) and {@link Enrichment#submissionKey() submission keys} tell: two replies to
 * the same submission whose fingerprints differ in at most {@value #NEAR} bits are
 * near-duplicates, one a republished copy of the other. A copy keeps the submission it
 * answers (its title or opening names it), so an index finds a reply's candidates among
 * the few replies to its submission; replies that name no submission are not compared.
 */
public final class Fingerprints {

	/**
	 * At most this many bits apart, two replies to one submission are near-duplicates:
	 * the real seed reply with one of its paragraphs dropped (3–20% of its text) is 0–8
	 * bits from the whole. Replies to one submission are otherwise the lead unit's and
	 * the co-handlers', different texts; different replies of one template come to 7 bits
	 * by chance (300 generated replies), of the public corpus to 14.
	 */
	public static final int NEAR = 8;

	private Fingerprints() {
	}

	/** How many bits two fingerprints differ in. */
	public static int distance(String a, String b) {
		return Long.bitCount(HexFormat.fromHexDigitsToLong(a) ^ HexFormat.fromHexDigitsToLong(b));
	}

	/**
	 * Whether two replies, by fingerprint and submission key (any may be null), are
	 * near-duplicates.
	 */
	public static boolean areNear(String fingerprint, String submissionKey, String otherFingerprint,
			String otherSubmissionKey) {
		return fingerprint != null && otherFingerprint != null && submissionKey != null
				&& submissionKey.equals(otherSubmissionKey) && distance(fingerprint, otherFingerprint) <= NEAR;
	}

}
