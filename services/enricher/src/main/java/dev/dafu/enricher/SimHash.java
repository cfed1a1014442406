package dev.dafu.enricher;

import java.util.HexFormat;

/**
 * A 64-bit SimHash of a text's characters: every run of {@value #SHINGLE} letters or
 * digits (punctuation and whitespace skipped) votes with its FNV-1a hash, bit by bit.
 * Texts that differ in a few places differ in few bits; unrelated texts in about 32.
 */
final class SimHash {

	static final int SHINGLE = 4;

	/**
	 * Two texts whose fingerprints differ in at most this many bits are near-duplicates:
	 * a republished copy with a paragraph dropped differs in 0–3, two different replies
	 * of one unit's template in 16 or more (the test corpus).
	 */
	static final int NEAR = 6;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private SimHash() {
	}

	/** The fingerprint of {@code text}, 16 hex digits; null when it has no shingle. */
	static String of(String text) {
		if (text == null) {
			return null;
		}
		int[] kept = text.codePoints().filter(Character::isLetterOrDigit).toArray();
		if (kept.length < SHINGLE) {
			return null;
		}
		int[] votes = new int[64];
		for (int start = 0; start + SHINGLE <= kept.length; start++) {
			long hash = FNV_OFFSET;
			for (int k = start; k < start + SHINGLE; k++) {
				hash = (hash ^ kept[k]) * FNV_PRIME;
			}
			for (int bit = 0; bit < 64; bit++) {
				votes[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
			}
		}
		long fingerprint = 0;
		for (int bit = 0; bit < 64; bit++) {
			if (votes[bit] > 0) {
				fingerprint |= 1L << bit;
			}
		}
		return HexFormat.of().toHexDigits(fingerprint);
	}

	/** How many bits two fingerprints differ in. */
	static int distance(String a, String b) {
		return Long.bitCount(HexFormat.fromHexDigitsToLong(a) ^ HexFormat.fromHexDigitsToLong(b));
	}

}
