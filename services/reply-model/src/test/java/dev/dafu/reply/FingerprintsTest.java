package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintsTest {

	private static final String PRINT = "0123456789abcdef";

	/** {@link #PRINT} with its lowest {@code bits} bits flipped. */
	private static String flipped(int bits) {
		return String.format("%016x", Long.parseUnsignedLong(PRINT, 16) ^ ((1L << bits) - 1));
	}

	@Test
	void repliesToOneSubmissionWithinEightBitsAreNearDuplicates() {
		assertThat(Fingerprints.areNear(PRINT, "k", flipped(8), "k")).isTrue();
		assertThat(Fingerprints.areNear(PRINT, "k", PRINT, "k")).isTrue();
		assertThat(Fingerprints.areNear(PRINT, "k", flipped(9), "k")).isFalse();
	}

	@Test
	void repliesToDifferentSubmissionsOrToNoneAreNotComparedAtAll() {
		assertThat(Fingerprints.areNear(PRINT, "a", PRINT, "b")).isFalse();
		assertThat(Fingerprints.areNear(PRINT, null, PRINT, null)).isFalse();
	}

	@Test
	void noFingerprintIsNearNothing() {
		assertThat(Fingerprints.areNear(null, "k", PRINT, "k")).isFalse();
	}

	@Test
	void theDistanceCountsDifferingBits() {
		assertThat(Fingerprints.distance(PRINT, flipped(5))).isEqualTo(5);
	}

}
