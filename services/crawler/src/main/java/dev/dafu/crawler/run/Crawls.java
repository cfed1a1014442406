package dev.dafu.crawler.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;

import org.springframework.context.SmartLifecycle;

/**
 * Starts, runs, cancels, resumes and records crawls. A crawl's record is in the crawl
 * records ({@link CrawlRecords}: Elasticsearch in the service) from the moment it is
 * asked for, so every crawler instance and every operator sees the same crawls; a crawl
 * whose crawler stopped mid-crawl is resumed by the next instance that looks. Every crawl
 * that ends here is counted, {@code dafu.crawler.crawls} by site, trigger and state, so
 * an alert can see a scheduled crawl fail. (Over 300 lines: asking for a crawl, running
 * it and taking up one whose crawler stopped follow one set of rules on the crawl
 * records, read best together; the heartbeat of a running crawl is
 * {@link CrawlHeartbeat}.)
 */
public class Crawls implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Crawls.class);

	private static final int RECENT = 20;

	/** A crawl whose crawler stopped this many times is given up. */
	private static final int MAX_RESUMES = 3;

	/**
	 * How often a running crawl looks whether it was cancelled through another instance,
	 * and a waiting one whether its hosts are free.
	 */
	private static final Duration CHECK = Duration.ofSeconds(1);

	/** How long a stopping crawler lets its crawls record where they are. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private final String instanceId = UUID.randomUUID().toString();

	private final Sites sites;

	private final CrawlRecords records;

	private final HostLeases hostLeases;

	private final Frontier frontier;

	private final SiteCrawler crawler;

	private final ExecutorService executor;

	/** The heartbeats of this instance's crawls: one thread, a beat is a few requests. */
	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

	private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Clock clock;

	private volatile boolean running;

	/**
	 * @param clock the time orphaned crawls are told by, and a stopped crawl's successor
	 * waits by
	 */
	public Crawls(Sites sites, CrawlRecords records, HostLeases hostLeases, Frontier frontier, SiteCrawler crawler,
			int parallelCrawls, MeterRegistry meters, Clock clock) {
		this.sites = sites;
		this.records = records;
		this.hostLeases = hostLeases;
		this.frontier = frontier;
		this.crawler = crawler;
		this.executor = Executors.newFixedThreadPool(parallelCrawls);
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Queues a crawl of {@code siteId} and starts it as soon as a crawl slot is free.
	 * @throws NoSuchElementException when no such site is registered
	 * @throws SiteBusyException when the site is being crawled already: two crawls at
	 * once would break its delay
	 */
	public CrawlRecord crawlNow(String siteId, Trigger trigger) {
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
		CrawlRecord record = queued(siteId + "@" + fireTime.getEpochSecond(), siteId, Trigger.SCHEDULE);
		if (active(siteId).isPresent() || !this.records.create(record.id(), record)) {
			return Optional.empty();
		}
		run(record);
		return Optional.of(record);
	}

	public Optional<CrawlRecord> find(String crawlId) {
		return this.records.get(crawlId);
	}

	public List<CrawlRecord> recent(String siteId) {
		return this.records.recent(siteId, RECENT);
	}

	/**
	 * Cancels a queued or running crawl; a crawl already over stays as it ended. A crawl
	 * running on another instance notices its record within {@code CHECK} and stops
	 * there.
	 */
	public Optional<CrawlRecord> cancel(String crawlId) {
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
		if (found.get().owner() == null) {
			this.frontier.forget(crawlId);
		}
		return Optional.of(cancelled);
	}

	/**
	 * The crawl of {@code siteId} that is queued or running, on any instance, if one is.
	 * A search may lag the last write, so each candidate is read again by id, which never
	 * lags.
	 */
	private Optional<CrawlRecord> active(String siteId) {
		return this.records.unfinished(siteId)
			.stream()
			.map(crawl -> this.records.get(crawl.id()).orElse(crawl))
			.filter(crawl -> !crawl.hasEnded())
			.findFirst();
	}

	/**
	 * Takes up crawls no crawler has any more (their crawler stopped mid-crawl, or
	 * crashed and fell silent) and resumes them where they stopped; gives up, as FAILED
	 * with the reason, on a crawl whose crawler stopped {@code MAX_RESUMES} times. Any
	 * instance may look; one takes each crawl.
	 */
	void resumeOrphanedCrawls() {
		if (!this.running) {
			return;
		}
		Instant now = this.clock.instant();
		for (CrawlRecord listed : this.records.unfinished(null)) {
			var read = this.records.getVersioned(listed.id());
			if (read.isEmpty() || !read.get().document().isOrphaned(now)) {
				continue;
			}
			CrawlRecord orphan = read.get().document();
			if (orphan.resumes() >= MAX_RESUMES) {
				if (this.records.replace(orphan.id(), read.get(), orphan.ended(CrawlRecord.State.FAILED, null,
						"its crawler stopped " + (orphan.resumes() + 1) + " times without finishing it"))) {
					this.frontier.forget(orphan.id());
					countEnded(orphan, CrawlRecord.State.FAILED);
				}
				continue;
			}
			CrawlRecord resumed = orphan.resumedBy(this.instanceId);
			if (this.records.replace(orphan.id(), read.get(), resumed)) {
				log.info("Resuming crawl {} of site {}, whose crawler stopped", orphan.id(), orphan.siteId());
				run(resumed);
			}
		}
	}

	private CrawlRecord queued(String crawlId, String siteId, Trigger trigger) {
		if (this.sites.get(siteId).isEmpty()) {
			throw new NoSuchElementException("no site with id " + siteId);
		}
		return CrawlRecord.queued(crawlId, siteId, trigger, this.instanceId);
	}

	private void countEnded(CrawlRecord crawl, CrawlRecord.State state) {
		this.meters
			.counter("dafu.crawler.crawls", "site", crawl.siteId(), "trigger", crawl.trigger().label(), "state",
					state.name().toLowerCase(Locale.ROOT))
			.increment();
	}

	private void run(CrawlRecord queued) {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.cancelFlags.put(queued.id(), cancelled);
		try {
			this.executor.execute(() -> runNow(queued, cancelled));
		}
		catch (RejectedExecutionException ex) {
			this.cancelFlags.remove(queued.id());
			this.records.put(queued.id(), queued.paused());
		}
	}

	private void runNow(CrawlRecord queued, AtomicBoolean cancelled) {
		CrawlHeartbeat heartbeat = new CrawlHeartbeat(queued, cancelled, this.records, this.hostLeases, this.clock,
				this.instanceId, ended -> countEnded(ended, ended.state()));
		ScheduledFuture<?> beating = this.heartbeats.scheduleWithFixedDelay(heartbeat::beat, CHECK.toMillis(),
				CHECK.toMillis(), TimeUnit.MILLISECONDS);
		Set<String> hosts = Set.of();
		try {
			Optional<CrawlRecord> current = this.records.get(queued.id());
			if (current.isEmpty() || current.get().hasEnded() || !this.instanceId.equals(current.get().owner())) {
				return;
			}
			Optional<SiteProfile> site = this.sites.get(queued.siteId());
			if (site.isEmpty()) {
				heartbeat.end(CrawlRecord.State.FAILED, null, "its site was deleted before it ran");
				this.frontier.forget(queued.id());
				return;
			}
			hosts = site.get().hosts();
			if (!takeHosts(site.get(), hosts, heartbeat)) {
				heartbeat.end(CrawlRecord.State.CANCELLED, null, "cancelled while waiting for its hosts");
				return;
			}
			heartbeat.update(heartbeat.record().started());
			CrawlSummary summary = this.crawler.crawl(site.get(), queued.id(), heartbeat::cancelled);
			if (heartbeat.lostHost() != null) {
				heartbeat.end(CrawlRecord.State.FAILED, summary,
						"another crawl took its host " + heartbeat.lostHost() + " after this one fell silent");
			}
			else {
				heartbeat.end(cancelled.get() ? CrawlRecord.State.CANCELLED : CrawlRecord.State.SUCCEEDED, summary,
						summary.stoppedEarly());
			}
		}
		catch (CrawlHeartbeat.CrawlTakenOverException ex) {
			// Its record and frontier are the other instance's now.
			log.warn(ex.getMessage());
		}
		catch (InterruptedException | RuntimeException ex) {
			// Interrupted (in a wait, or in a client that reports it as its own
			// exception) means the crawler is stopping: the crawl's frontier stays, and
			// the next free crawler resumes it.
			boolean stopping = Thread.interrupted() || ex instanceof InterruptedException || !this.running;
			if (stopping) {
				heartbeat.pause();
			}
			else {
				log.error("Crawl {} of site {} failed", queued.id(), queued.siteId(), ex);
				heartbeat.end(CrawlRecord.State.FAILED, null, ex.toString());
				this.frontier.forget(queued.id());
			}
		}
		finally {
			beating.cancel(false);
			this.hostLeases.release(hosts, queued.id());
			this.cancelFlags.remove(queued.id());
		}
	}

	/**
	 * Waits until the crawl holds every host of its site, then for the site's delay after
	 * the last request the crawl before sent them.
	 * @return false when the crawl was cancelled while waiting
	 */
	private boolean takeHosts(SiteProfile site, Set<String> hosts, CrawlHeartbeat heartbeat)
			throws InterruptedException {
		Optional<HostLeases.HostLease> holder;
		while ((holder = this.hostLeases.take(hosts, heartbeat.record().id())).isPresent()) {
			String why = "waiting for host " + holder.get().host() + ", which crawl " + holder.get().crawlId()
					+ " is crawling";
			if (!why.equals(heartbeat.record().message())) {
				heartbeat.update(heartbeat.record().waitingFor(why));
			}
			if (heartbeat.cancelled()) {
				return false;
			}
			Thread.sleep(CHECK.toMillis());
		}
		heartbeat.holding(hosts);
		Optional<Instant> last = this.hostLeases.lastRequestAt(hosts);
		if (last.isPresent()) {
			long wait = Duration.between(this.clock.instant(), last.get().plusMillis(site.delayMs())).toMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
		}
		return true;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Stops this instance's crawls where they are, before the Kafka bindings and
	 * Elasticsearch go: each records that it waits to be resumed.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.executor.shutdownNow();
		try {
			if (!this.executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Crawls still running {} after the crawler was asked to stop", STOP_GRACE);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.heartbeats.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops first, starts last. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
