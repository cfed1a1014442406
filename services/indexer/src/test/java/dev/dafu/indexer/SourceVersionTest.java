package dev.dafu.indexer;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceVersionTest {

	private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

	private static final Instant TUESDAY = Instant.parse("2026-12-01T08:00:00Z");

	@Test
	void aLaterFetchIsNewerWhicheverParserReadIt() {
		assertThat(new SourceVersion(MONDAY, "0.9.0").isOlderThan(new SourceVersion(TUESDAY, "0.3.0"))).isTrue();
		assertThat(new SourceVersion(TUESDAY, "0.3.0").isOlderThan(new SourceVersion(MONDAY, "0.9.0"))).isFalse();
	}

	@Test
	void theSameFetchReadByANewerParserIsNewerNumbersComparedAsNumbers() {
		assertThat(new SourceVersion(MONDAY, "0.9.1").isOlderThan(new SourceVersion(MONDAY, "0.10.0"))).isTrue();
		assertThat(new SourceVersion(MONDAY, "0.3").isOlderThan(new SourceVersion(MONDAY, "0.3.1"))).isTrue();
		assertThat(new SourceVersion(MONDAY, "0.3.0").compareTo(new SourceVersion(MONDAY, "0.3"))).isZero();
	}

	@Test
	void aRecordWithoutAFetchTimeIsOlderThanAnyWithOne() {
		assertThat(new SourceVersion(null, "9.0.0").isOlderThan(new SourceVersion(MONDAY, "0.1.0"))).isTrue();
		assertThat(new SourceVersion(null, null).compareTo(new SourceVersion(null, null))).isZero();
	}

	@Test
	void theSameVersionIsNotOlder() {
		assertThat(new SourceVersion(MONDAY, "0.3.0").isOlderThan(new SourceVersion(MONDAY, "0.3.0"))).isFalse();
	}

}
