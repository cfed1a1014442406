package dev.dafu.crawler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

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
	 * @throws NoSuchElementException when no such site is registered
	 */
	CrawlRecord start(String siteId, String trigger) {
		CrawlRecord record = queued(UUID.randomUUID().toString(), siteId, trigger);
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
		if (!this.records.create(record.id(), record)) {
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

	/** Cancels a queued or running crawl; a crawl already over stays as it ended. */
	Optional<CrawlRecord> cancel(String crawlId) {
		Optional<CrawlRecord> found = this.records.get(crawlId);
		if (found.isEmpty() || found.get().isOver()) {
			return found;
		}
		AtomicBoolean flag = this.cancelFlags.get(crawlId);
		if (flag != null) {
			flag.set(true);
			return found;
		}
		CrawlRecord cancelled = found.get().ended(CrawlRecord.State.CANCELLED, null, "cancelled before it started");
		this.records.put(crawlId, cancelled);
		return Optional.of(cancelled);
	}

	private CrawlRecord queued(String crawlId, String siteId, String trigger) {
		if (this.sites.get(siteId).isEmpty()) {
			throw new java.util.NoSuchElementException("no site with id " + siteId);
		}
		return new CrawlRecord(crawlId, siteId, CrawlRecord.State.QUEUED, trigger, Instant.now(), null, null, null,
				null);
	}

	private void run(CrawlRecord queued) {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.cancelFlags.put(queued.id(), cancelled);
		this.executor.execute(() -> {
			CrawlRecord running = queued.started();
			try {
				SiteProfile site = this.sites.get(queued.siteId()).orElseThrow();
				this.records.put(running.id(), running);
				CrawlSummary summary = this.crawler.crawl(site, queued.id(), cancelled::get);
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
