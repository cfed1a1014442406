package dev.dafu.crawler.run;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;
import dev.dafu.crawler.store.Documents;
import dev.dafu.crawler.store.InMemoryDocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Crawls as instances share them, on the in-memory repositories with a clock the test
 * moves: a crawl's record from start to end, cancel (on its own instance and through
 * another), resume of a crawl whose crawler stopped or fell silent, giving up after three
 * resumes, a takeover the silent instance notices, and schedules fired once. The site
 * crawler is stood in for; it is tested on real sites in {@code SiteCrawlerTest}.
 */
class CrawlsTest {

	private static final SiteProfile SITE = new SiteProfile("site", null, List.of(URI.create("http://site.test/")),
			null, null, null, null, null, 0, null, null);

	private final MovableClock clock = new MovableClock();

	private final Sites sites = Sites.inMemory();

	private final CrawlRecords records = CrawlRecords.inMemory();

	private final Documents<HostLeases.HostLease> leases = new InMemoryDocuments<>();

	private final Frontier frontier = Frontier.inMemory();

	private final SiteCrawler crawler = mock(SiteCrawler.class);

	private final SiteCrawler otherCrawler = mock(SiteCrawler.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Crawls crawls = instance(this.crawler, this.clock);

	private final CountDownLatch letGo = new CountDownLatch(1);

	@BeforeEach
	void registerTheSite() {
		this.sites.put(SITE.id(), SITE);
		this.crawls.start();
	}

	@AfterEach
	void stop() {
		this.letGo.countDown();
		this.crawls.stop();
	}

	@Test
	void aCrawlRunsToItsEndAndItsRecordSaysHowAndIsCounted() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willReturn(summary(null));

		CrawlRecord queued = this.crawls.crawlNow(SITE.id(), Trigger.MANUAL);

		CrawlRecord ended = awaitEnded(queued.id());
		assertThat(ended.state()).isEqualTo(CrawlRecord.State.SUCCEEDED);
		assertThat(ended.summary().newReplies()).isEqualTo(3);
		assertThat(this.meters.counter("dafu.crawler.crawls", "site", "site", "trigger", "manual", "state", "succeeded")
			.count()).isEqualTo(1);
	}

	@Test
	void aSiteIsCrawledOnceAtATimeAndAnUnknownOneNotAtAll() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		CrawlRecord first = this.crawls.crawlNow(SITE.id(), Trigger.MANUAL);

		assertThatExceptionOfType(SiteBusyException.class)
			.isThrownBy(() -> this.crawls.crawlNow(SITE.id(), Trigger.MANUAL))
			.withMessageContaining(first.id());
		assertThatExceptionOfType(java.util.NoSuchElementException.class)
			.isThrownBy(() -> this.crawls.crawlNow("nowhere", Trigger.MANUAL))
			.withMessage("no site with id nowhere");
	}

	@Test
	void aCancelledCrawlStopsAndIsRecordedCancelled() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		CrawlRecord queued = this.crawls.crawlNow(SITE.id(), Trigger.MANUAL);
		awaitState(queued.id(), CrawlRecord.State.RUNNING);

		this.crawls.cancel(queued.id());

		assertThat(awaitEnded(queued.id()).state()).isEqualTo(CrawlRecord.State.CANCELLED);
	}

	@Test
	void aCancelThroughAnotherInstanceReachesTheCrawlThroughItsRecord() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		CrawlRecord queued = this.crawls.crawlNow(SITE.id(), Trigger.MANUAL);
		awaitState(queued.id(), CrawlRecord.State.RUNNING);
		Crawls other = instance(this.otherCrawler, this.clock);

		other.cancel(queued.id());

		// The crawl itself writes its end, with what it did, once its heartbeat saw the
		// record.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.records.get(queued.id()).orElseThrow().summary() != null);
		assertThat(this.records.get(queued.id()).orElseThrow().state()).isEqualTo(CrawlRecord.State.CANCELLED);
	}

	@Test
	void aCrawlWhoseCrawlerFellSilentIsResumedWhereItStoppedOnceItsHeartbeatIsStale() throws Exception {
		CrawlRecord silent = CrawlRecord.queued("c-1", SITE.id(), Trigger.SCHEDULE, "instance-that-died").started();
		this.records.put(silent.id(), silent);
		given(this.crawler.crawl(eq(SITE), eq("c-1"), any())).willReturn(summary(null));

		this.crawls.resumeOrphanedCrawls();
		verify(this.crawler, never()).crawl(any(), any(), any());

		this.clock.move(CrawlRecord.STALE.plusSeconds(1));
		this.crawls.resumeOrphanedCrawls();

		CrawlRecord ended = awaitEnded("c-1");
		assertThat(ended.state()).isEqualTo(CrawlRecord.State.SUCCEEDED);
		assertThat(ended.resumes()).isEqualTo(1);
		assertThat(ended.owner()).isNotEqualTo("instance-that-died");
	}

	@Test
	void aCrawlWhoseCrawlerStoppedMidCrawlIsResumedAtOnce() throws Exception {
		CrawlRecord paused = CrawlRecord.queued("c-1", SITE.id(), Trigger.MANUAL, "stopped-instance")
			.started()
			.paused();
		this.records.put(paused.id(), paused);
		given(this.crawler.crawl(eq(SITE), eq("c-1"), any())).willReturn(summary(null));

		this.crawls.resumeOrphanedCrawls();

		assertThat(awaitEnded("c-1").state()).isEqualTo(CrawlRecord.State.SUCCEEDED);
	}

	@Test
	void aCrawlWhoseCrawlerStoppedThreeTimesIsGivenUpWithTheReasonAndItsFrontierDropped() throws Exception {
		CrawlRecord paused = CrawlRecord.queued("c-1", SITE.id(), Trigger.MANUAL, "stopped-instance").started();
		for (int resumes = 0; resumes < 3; resumes++) {
			paused = paused.resumedBy("instance-" + resumes).started();
		}
		this.records.put("c-1", paused.paused());
		this.frontier.found(List.of(new Frontier.Entry("c-1", "http://site.test/", Frontier.Kind.LISTING, 0, null)));

		this.crawls.resumeOrphanedCrawls();

		CrawlRecord failed = this.records.get("c-1").orElseThrow();
		assertThat(failed.state()).isEqualTo(CrawlRecord.State.FAILED);
		assertThat(failed.message()).isEqualTo("its crawler stopped 4 times without finishing it");
		assertThat(this.frontier.entries("c-1")).isEmpty();
		verify(this.crawler, never()).crawl(any(), any(), any());
	}

	@Test
	void aSilentInstanceWhoseCrawlWasTakenOverStopsWithoutWritingOverTheNewOwner() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		CrawlRecord running = this.crawls.crawlNow(SITE.id(), Trigger.MANUAL);
		awaitState(running.id(), CrawlRecord.State.RUNNING);
		// Another instance found it silent and took it (its crawl is stood in for).
		CrawlRecord takenOver = this.records.get(running.id()).orElseThrow().resumedBy("the-new-owner").started();
		this.records.put(running.id(), takenOver);

		this.clock.move(CrawlRecord.HEARTBEAT.plusSeconds(1));

		// It stopped: it let go of its host.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.leases.get("site.test:80").orElseThrow().crawlId() == null);
		assertThat(this.records.get(running.id()).orElseThrow()).isEqualTo(takenOver);
	}

	@Test
	void aHostHeldByASilentCrawlIsFreeOnceItsLeaseExpires() {
		HostLeases hostLeases = new HostLeases(this.leases, this.clock);
		assertThat(hostLeases.take(SITE.hosts(), "crawl-a")).isEmpty();

		assertThat(hostLeases.take(SITE.hosts(), "crawl-b"))
			.hasValueSatisfying(holder -> assertThat(holder.crawlId()).isEqualTo("crawl-a"));

		this.clock.move(CrawlRecord.STALE.plusSeconds(1));
		assertThat(hostLeases.take(SITE.hosts(), "crawl-b")).isEmpty();
		assertThat(this.leases.get("site.test:80").orElseThrow().crawlId()).isEqualTo("crawl-b");
	}

	@Test
	void aScheduleFiresOneCrawlWhicheverInstancesSeeIt() throws Exception {
		given(this.crawler.crawl(eq(SITE), any(), any())).willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		given(this.otherCrawler.crawl(eq(SITE), any(), any()))
			.willAnswer(call -> runUntilCancelled(call.getArgument(2)));
		Crawls other = instance(this.otherCrawler, this.clock);
		other.start();
		Instant fire = Instant.parse("2026-12-04T03:00:00Z");

		assertThat(this.crawls.startScheduled(SITE.id(), fire)).isPresent();
		assertThat(other.startScheduled(SITE.id(), fire)).isEmpty();
		assertThat(this.records.unfinished(SITE.id())).hasSize(1);
		other.stop();
	}

	private Crawls instance(SiteCrawler siteCrawler, Clock instanceClock) {
		return new Crawls(this.sites, this.records, new HostLeases(this.leases, instanceClock), this.frontier,
				siteCrawler, 2, this.meters, instanceClock);
	}

	private CrawlSummary runUntilCancelled(BooleanSupplier cancelled) throws InterruptedException {
		while (!cancelled.getAsBoolean()) {
			if (this.letGo.await(20, TimeUnit.MILLISECONDS)) {
				break;
			}
		}
		return summary("cancelled");
	}

	private static CrawlSummary summary(String stoppedEarly) {
		return new CrawlSummary(SITE.id(), 5, 3, 0, 0, 0, 0, Map.of(), List.of(), List.of(), stoppedEarly);
	}

	private void awaitState(String crawlId, CrawlRecord.State state) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.records.get(crawlId).map(CrawlRecord::state).orElse(null) == state);
	}

	private CrawlRecord awaitEnded(String crawlId) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.records.get(crawlId).map(CrawlRecord::hasEnded).orElse(false));
		return this.records.get(crawlId).orElseThrow();
	}

	/** A clock the test moves forward. */
	static final class MovableClock extends Clock {

		private volatile Instant now = Instant.now();

		void move(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
