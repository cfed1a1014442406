package dev.dafu.crawler.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crawl's link with other instances, through its record and its host leases, kept on
 * a thread of its own so that no wait of the crawl (a long delay, a slow page) can
 * silence it: every tick ({@code Crawls.CHECK}) it looks whether an operator cancelled
 * the crawl through another instance, and every {@code CrawlRecord.HEARTBEAT} it says
 * that the crawl is still at it and renews its leases. Should another instance have taken
 * the crawl over all the same (this one was silent too long, say in a frozen JVM), the
 * crawl stops here without another write.
 */
final class CrawlHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(CrawlHeartbeat.class);

	private final AtomicBoolean cancelled;

	private final CrawlRecords records;

	private final HostLeases hostLeases;

	private final Clock clock;

	/** The crawler instance running the crawl. */
	private final String instanceId;

	/** Told of the crawl's record once it ends. */
	private final Consumer<CrawlRecord> ended;

	private CrawlRecord record;

	private Set<String> hosts = Set.of();

	private boolean over;

	private volatile String lostHost;

	private String takenOverBy;

	private Instant lastBeat;

	CrawlHeartbeat(CrawlRecord record, AtomicBoolean cancelled, CrawlRecords records, HostLeases hostLeases,
			Clock clock, String instanceId, Consumer<CrawlRecord> ended) {
		this.record = record;
		this.cancelled = cancelled;
		this.records = records;
		this.hostLeases = hostLeases;
		this.clock = clock;
		this.instanceId = instanceId;
		this.ended = ended;
		this.lastBeat = clock.instant();
	}

	/** The host another crawl took after this one fell silent, if one did. */
	String lostHost() {
		return this.lostHost;
	}

	synchronized CrawlRecord record() {
		return this.record;
	}

	synchronized void holding(Set<String> leased) {
		this.hosts = leased;
	}

	synchronized void update(CrawlRecord now) {
		if (this.over) {
			return;
		}
		this.record = now;
		this.records.put(now.id(), now);
		this.lastBeat = this.clock.instant();
	}

	synchronized void end(CrawlRecord.State state, CrawlSummary summary, String why) {
		update(this.record.ended(state, summary, why));
		this.over = true;
		this.ended.accept(this.record);
	}

	/** Leaves the crawl for the next free crawler to resume. */
	synchronized void pause() {
		update(this.record.paused());
		this.over = true;
	}

	/**
	 * Whether the crawl should stop.
	 * @throws CrawlTakenOverException when another instance runs it now
	 */
	boolean cancelled() {
		synchronized (this) {
			if (this.takenOverBy != null) {
				throw new CrawlTakenOverException(this.record.id(), this.takenOverBy);
			}
		}
		return this.cancelled.get();
	}

	/** One tick of the heartbeat thread. */
	synchronized void beat() {
		if (this.over || this.takenOverBy != null) {
			return;
		}
		try {
			String id = this.record.id();
			this.records.get(id)
				.filter(record -> record.state() == CrawlRecord.State.CANCELLED)
				.ifPresent(record -> this.cancelled.set(true));
			Instant now = this.clock.instant();
			if (this.cancelled.get() || !this.lastBeat.plus(CrawlRecord.HEARTBEAT).isBefore(now)) {
				return;
			}
			var read = this.records.getVersioned(id);
			if (read.isPresent() && !this.instanceId.equals(read.get().document().owner())) {
				this.takenOverBy = String.valueOf(read.get().document().owner());
				this.over = true;
				return;
			}
			this.hostLeases.take(this.hosts, id).ifPresent(holder -> {
				this.lostHost = holder.host();
				this.cancelled.set(true);
			});
			CrawlRecord beating = this.record.beating();
			if (read.isPresent() && this.records.replace(id, read.get(), beating)) {
				this.record = beating;
				this.lastBeat = now;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Heartbeat of crawl {} failed, trying again: {}", this.record.id(), ex.toString());
		}
	}

	/** Another instance took over a crawl this one still ran. */
	static final class CrawlTakenOverException extends RuntimeException {

		CrawlTakenOverException(String crawlId, String owner) {
			super("crawl " + crawlId + " was taken over by crawler " + owner
					+ " while this one was silent; it stops here");
		}

	}

}
