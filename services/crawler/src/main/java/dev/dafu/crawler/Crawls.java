package dev.dafu.crawler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, runs, cancels and records crawls. A crawl record lives in Elasticsearch from
 * the moment it is asked for, so every crawler instance and every operator sees the same
 * crawls.
 */
class Crawls {

	private static final Logger log = LoggerFactory.getLogger(Crawls.class);

	private static final int RECENT = 20;

	/**
	 * How often a running crawl looks whether it was cancelled through another instance.
	 */
	private static final Duration CANCEL_CHECK = Duration.ofSeconds(3);

	private final ElasticsearchDocuments<SiteProfile> sites;

	private final ElasticsearchDocuments<CrawlRecord> records;

	private final SiteCrawler crawler;

	private final ExecutorService executor;

	private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();

	Crawls(ElasticsearchDocuments<SiteProfile> sites, ElasticsearchDocuments<CrawlRecord> records, SiteCrawler crawler,
			ExecutorService executor) {
		this.sites = sites;
		this.records = records;
		this.crawler = crawler;
		this.executor = executor;
	}

	/**
	 * Queues a crawl of {@code siteId} and starts it as soon as a crawl slot is free.
	 * @throws java.util.NoSuchElementException when no such site is registered
	 * @throws SiteBusyException when the site is being crawled already: two crawls at
	 * once would break its delay
	 */
	CrawlRecord start(String siteId, String trigger) {
		CrawlRecord record = queued(UUID.randomUUID().toString(), siteId, trigger);
		Optional<CrawlRecord> active = active(siteId);
		if (active.isPresent()) {
			throw new SiteBusyException(siteId, active.get().id());
		}
		this.records.put(record.id(), record);
		run(record);
		return record;
	}

	/**
	 * Queues the crawl a schedule fired at {@code fireTime}, unless another instance
	 * already did: the crawl's id is the site and the fire time, and only one instance
	 * can create it.
	 */
	Optional<CrawlRecord> startScheduled(String siteId, Instant fireTime) {
		CrawlRecord record = queued(siteId + "@" + fireTime.getEpochSecond(), siteId, "schedule");
		if (active(siteId).isPresent() || !this.records.create(record.id(), record)) {
			return Optional.empty();
		}
		run(record);
		return Optional.of(record);
	}

	Optional<CrawlRecord> find(String crawlId) {
		return this.records.get(crawlId);
	}

	List<CrawlRecord> recent(String siteId) {
		return this.records.search(Query.of(q -> q.term(t -> t.field("siteId").value(siteId))),
				s -> s.field(f -> f.field("queuedAt").order(SortOrder.Desc)), RECENT);
	}

	/**
	 * Cancels a queued or running crawl; a crawl already over stays as it ended. A crawl
	 * running on another instance notices its record within {@code CANCEL_CHECK} and
	 * stops there.
	 */
	Optional<CrawlRecord> cancel(String crawlId) {
		Optional<CrawlRecord> found = this.records.get(crawlId);
		if (found.isEmpty() || found.get().hasEnded()) {
			return found;
		}
		AtomicBoolean flag = this.cancelFlags.get(crawlId);
		if (flag != null && found.get().state() == CrawlRecord.State.RUNNING) {
			flag.set(true);
			return found;
		}
		CrawlRecord cancelled = found.get().ended(CrawlRecord.State.CANCELLED, null, "cancelled by an operator");
		this.records.put(crawlId, cancelled);
		return Optional.of(cancelled);
	}

	/**
	 * The crawl of {@code siteId} that is queued or running, on any instance, if one is.
	 * A search may lag the last write, so each candidate is read again by id, which never
	 * lags.
	 */
	private Optional<CrawlRecord> active(String siteId) {
		Instant now = Instant.now();
		return this.records
			.search(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("siteId").value(siteId)))
				.filter(f -> f.terms(t -> t.field("state")
					.terms(v -> v.value(List.of(FieldValue.of("QUEUED"), FieldValue.of("RUNNING")))))))),
					s -> s.field(f -> f.field("queuedAt").order(SortOrder.Desc)), 10)
			.stream()
			.map(crawl -> this.records.get(crawl.id()).orElse(crawl))
			.filter(crawl -> !crawl.hasEnded() && !crawl.isStale(now))
			.findFirst();
	}

	/**
	 * Ends crawls whose crawler is gone (stopped or crashed mid-crawl, no heartbeat):
	 * their records say FAILED with the reason, and their sites may be crawled again. Any
	 * instance may sweep.
	 */
	void endStaleCrawls() {
		Instant now = Instant.now();
		this.records
			.search(Query.of(q -> q.terms(t -> t.field("state")
				.terms(v -> v.value(List.of(FieldValue.of("QUEUED"), FieldValue.of("RUNNING")))))),
					s -> s.field(f -> f.field("queuedAt").order(SortOrder.Asc)), 1000)
			.stream()
			.map(crawl -> this.records.get(crawl.id()).orElse(crawl))
			.filter(crawl -> crawl.isStale(now) && !this.cancelFlags.containsKey(crawl.id()))
			.forEach(crawl -> this.records.put(crawl.id(), crawl.ended(CrawlRecord.State.FAILED, null,
					"its crawler stopped without finishing it (no heartbeat since " + crawl.heartbeatAt() + ")")));
	}

	private CrawlRecord queued(String crawlId, String siteId, String trigger) {
		if (this.sites.get(siteId).isEmpty()) {
			throw new java.util.NoSuchElementException("no site with id " + siteId);
		}
		return CrawlRecord.queued(crawlId, siteId, trigger);
	}

	/**
	 * The crawl's link with other instances, through its record: says every
	 * {@code HEARTBEAT} that the crawl is still running, and notices within
	 * {@code CANCEL_CHECK} when an operator cancelled it through another instance.
	 */
	private final class Heartbeat {

		private final CrawlRecord running;

		private final AtomicBoolean cancelled;

		private Instant lastBeat = Instant.now();

		private Instant lastCheck = Instant.now();

		Heartbeat(CrawlRecord running, AtomicBoolean cancelled) {
			this.running = running;
			this.cancelled = cancelled;
		}

		/**
		 * Whether the crawl should stop, after a heartbeat or a look at its record when
		 * one is due.
		 */
		boolean cancelled() {
			Instant now = Instant.now();
			if (!this.cancelled.get() && this.lastCheck.plus(CANCEL_CHECK).isBefore(now)) {
				this.lastCheck = now;
				Crawls.this.records.get(this.running.id())
					.filter(record -> record.state() == CrawlRecord.State.CANCELLED)
					.ifPresent(record -> this.cancelled.set(true));
			}
			if (!this.cancelled.get() && this.lastBeat.plus(CrawlRecord.HEARTBEAT).isBefore(now)) {
				Crawls.this.records.put(this.running.id(), this.running.beating());
				this.lastBeat = now;
			}
			return this.cancelled.get();
		}

	}

	private void run(CrawlRecord queued) {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.cancelFlags.put(queued.id(), cancelled);
		this.executor.execute(() -> {
			CrawlRecord running = queued.started();
			try {
				if (this.records.get(queued.id()).map(CrawlRecord::hasEnded).orElse(true)) {
					return;
				}
				SiteProfile site = this.sites.get(queued.siteId()).orElseThrow();
				this.records.put(running.id(), running);
				Heartbeat heartbeat = new Heartbeat(running, cancelled);
				CrawlSummary summary = this.crawler.crawl(site, queued.id(), heartbeat::cancelled);
				CrawlRecord.State end = cancelled.get() ? CrawlRecord.State.CANCELLED : CrawlRecord.State.SUCCEEDED;
				this.records.put(running.id(), running.ended(end, summary, summary.stoppedEarly()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.records.put(running.id(), running.ended(CrawlRecord.State.CANCELLED, null, "crawler shut down"));
			}
			catch (RuntimeException ex) {
				log.error("Crawl {} of site {} failed", queued.id(), queued.siteId(), ex);
				this.records.put(running.id(), running.ended(CrawlRecord.State.FAILED, null, ex.toString()));
			}
			finally {
				this.cancelFlags.remove(queued.id());
			}
		});
	}

}
