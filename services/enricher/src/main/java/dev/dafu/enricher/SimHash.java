package dev.dafu.enricher;

import java.util.HexFormat;

/**
 * A 64-bit SimHash of a text's characters: every run of {@value #SHINGLE} letters or
 * digits (punctuation and whitespace skipped) votes with its hash (FNV-1a, then mixed),
 * bit by bit. Texts that differ in a few places differ in few bits; unrelated texts in
 * about 32 ({@link dev.dafu.reply.Fingerprints}).
 */
final class SimHash {

	static final int SHINGLE = 4;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private SimHash() {
	}

	/** The fingerprint of {@code text}, 16 hex digits; null when it has no shingle. */
	static String of(String text) {
		if (text == null) {
			return null;
		}
		int[] kept = new int[text.length()];
		int length = 0;
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			if (Character.isLetterOrDigit(c)) {
				kept[length++] = c;
			}
			i += Character.charCount(c);
		}
		if (length < SHINGLE) {
			return null;
		}
		int[] votes = new int[64];
		for (int start = 0; start + SHINGLE <= length; start++) {
			long hash = FNV_OFFSET;
			for (int k = start; k < start + SHINGLE; k++) {
				hash = (hash ^ kept[k]) * FNV_PRIME;
			}
			hash = mixed(hash);
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

	/**
	 * MurmurHash3's finaliser: FNV-1a leaves the bits of a short input unevenly mixed,
	 * which would make unrelated texts' fingerprints alike.
	 */
	private static long mixed(long hash) {
		long h = hash;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb53fe1a85ec3L;
		h ^= h >>> 33;
		return h;
	}

}
