package dev.dafu.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.indexer.NearDuplicates.Known;
import dev.dafu.indexer.NearDuplicates.Probe;

class NearDuplicatesTest {

	private static final String PRINT = "0123456789abcdef";

	private static final String FAR = "fedcba9876543210";

	private final Probe copy = new Probe(PRINT, "k");

	@Test
	void aCopyIsLinkedToTheNearReplyThatIsNoOthersCopy() {
		assertThat(NearDuplicates.originalOf(this.copy, "c", null, List.of(new Known("a", PRINT, "k", null))))
			.isEqualTo("a");
	}

	@Test
	void theCopyOfACopyIsLinkedToTheOriginal() {
		assertThat(NearDuplicates.originalOf(this.copy, "c", null, List.of(new Known("b", PRINT, "k", "a"))))
			.isEqualTo("a");
	}

	@Test
	void aReplyIsNotLinkedToItsOwnCopiesOrItself() {
		assertThat(NearDuplicates.originalOf(this.copy, "a", null,
				List.of(new Known("a", PRINT, "k", null), new Known("b", PRINT, "k", "a"))))
			.isNull();
	}

	@Test
	void theLinkItHasStaysWhileItIsNearElseTheSmallestId() {
		List<Known> two = List.of(new Known("a", PRINT, "k", null), new Known("b", PRINT, "k", null));

		assertThat(NearDuplicates.originalOf(this.copy, "c", "b", two)).isEqualTo("b");
		assertThat(NearDuplicates.originalOf(this.copy, "c", "z", two)).isEqualTo("a");
	}

	@Test
	void aFarReplyOrNoFingerprintIsNoLink() {
		assertThat(NearDuplicates.originalOf(this.copy, "c", null, List.of(new Known("a", FAR, "k", null)))).isNull();
		assertThat(NearDuplicates.originalOf(null, "c", null, List.of(new Known("a", PRINT, "k", null)))).isNull();
	}

}
