package dev.dafu.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CrawlRecordTest {

	private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

	@Test
	void aRunningCrawlIsOrphanedOnceItsHeartbeatIsOld() {
		CrawlRecord running = record(CrawlRecord.State.RUNNING, this.now.minusSeconds(60));

		assertThat(running.isOrphaned(this.now)).isFalse();
		assertThat(running.isOrphaned(this.now.plus(CrawlRecord.STALE))).isTrue();
	}

	@Test
	void aQueuedCrawlIsOrphanedOnlyAfterAnHourWithoutHeartbeat() {
		CrawlRecord queued = CrawlRecord.queued("c", "s", Trigger.MANUAL, "instance-1");

		assertThat(queued.isOrphaned(queued.queuedAt().plusSeconds(3599))).isFalse();
		assertThat(queued.isOrphaned(queued.queuedAt().plusSeconds(3601))).isTrue();
	}

	@Test
	void aCrawlItsCrawlerLetGoOfIsOrphanedAtOnceAndResumesWithItsStartTime() {
		CrawlRecord running = record(CrawlRecord.State.RUNNING, this.now);
		CrawlRecord paused = running.paused();

		assertThat(paused.isOrphaned(this.now)).isTrue();
		CrawlRecord resumed = paused.resumedBy("instance-2").started();
		assertThat(resumed.isOrphaned(this.now)).isFalse();
		assertThat(resumed.owner()).isEqualTo("instance-2");
		assertThat(resumed.resumes()).isEqualTo(1);
		assertThat(resumed.startedAt()).isEqualTo(running.startedAt());
	}

	@Test
	void aCrawlThatEndedIsNeverOrphaned() {
		assertThat(record(CrawlRecord.State.SUCCEEDED, this.now.minusSeconds(86_400)).isOrphaned(this.now)).isFalse();
		assertThat(record(CrawlRecord.State.RUNNING, this.now).paused()
			.ended(CrawlRecord.State.CANCELLED, null, "cancelled")
			.isOrphaned(this.now)).isFalse();
	}

	private CrawlRecord record(CrawlRecord.State state, Instant heartbeat) {
		return new CrawlRecord("c", "s", state, Trigger.MANUAL, heartbeat, heartbeat, heartbeat, null, null, null,
				"instance-1", 0);
	}

}
