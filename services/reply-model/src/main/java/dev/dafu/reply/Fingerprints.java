package dev.dafu.reply;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a reply's {@link Enrichment#fingerprint() fingerprint} (a 64-bit SimHash, 16 hex
 * digits) tells of two replies: near-duplicates differ in at most {@value #NEAR} bits.
 * Fingerprints at most 3 bits apart share at least one of four 16-bit
 * {@link #bands(String) bands}, so an index finds the closest candidates by band; those
 * further apart it finds among the replies to the same submission.
 */
public final class Fingerprints {

	/**
	 * At most this many bits apart, two texts are near-duplicates: the real seed reply
	 * with one of its paragraphs dropped (3–20% of its text) is 0–8 bits from the whole,
	 * two different replies of one template 14 or more (the public corpus).
	 */
	public static final int NEAR = 8;

	private static final int BANDS = 4;

	private Fingerprints() {
	}

	/** How many bits two fingerprints differ in. */
	public static int distance(String a, String b) {
		return Long.bitCount(HexFormat.fromHexDigitsToLong(a) ^ HexFormat.fromHexDigitsToLong(b));
	}

	public static boolean areNear(String a, String b) {
		return a != null && b != null && distance(a, b) <= NEAR;
	}

	/** The fingerprint's four 16-bit bands, each as {@code <band>:<4 hex digits>}. */
	public static List<String> bands(String fingerprint) {
		List<String> bands = new ArrayList<>(BANDS);
		for (int band = 0; band < BANDS; band++) {
			bands.add(band + ":" + fingerprint.substring(band * 4, band * 4 + 4));
		}
		return bands;
	}

}
