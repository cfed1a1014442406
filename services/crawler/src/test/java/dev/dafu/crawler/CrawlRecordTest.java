package dev.dafu.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CrawlRecordTest {

	private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

	@Test
	void aRunningCrawlIsStaleOnceItsHeartbeatIsOld() {
		CrawlRecord running = record(CrawlRecord.State.RUNNING, this.now.minusSeconds(60));

		assertThat(running.isStale(this.now)).isFalse();
		assertThat(running.isStale(this.now.plus(CrawlRecord.RUNNING_STALE))).isTrue();
	}

	@Test
	void aQueuedCrawlIsStaleOnlyAfterAnHour() {
		CrawlRecord queued = new CrawlRecord("c", "s", CrawlRecord.State.QUEUED, "manual", this.now, null, null, null,
				null, null);

		assertThat(queued.isStale(this.now.plusSeconds(3599))).isFalse();
		assertThat(queued.isStale(this.now.plusSeconds(3601))).isTrue();
	}

	@Test
	void aCrawlThatEndedIsNeverStale() {
		assertThat(record(CrawlRecord.State.SUCCEEDED, this.now.minusSeconds(86_400)).isStale(this.now)).isFalse();
	}

	private CrawlRecord record(CrawlRecord.State state, Instant heartbeat) {
		return new CrawlRecord("c", "s", state, "manual", heartbeat, heartbeat, heartbeat, null, null, null);
	}

}
