package dev.dafu.crawler.run;

import java.time.Duration;
import java.time.Instant;

/**
 * One crawl of a site, as operators watch it.
 *
 * @param id the crawl's id
 * @param siteId the site crawled
 * @param state where it stands
 * @param trigger what started it
 * @param queuedAt when it was asked for
 * @param startedAt when it started, null while queued
 * @param heartbeatAt when the instance running it last said it is still at it
 * @param endedAt when it ended, null until then
 * @param summary what it did, once it has ended
 * @param message why it failed or stopped, or what it waits for
 * @param owner the crawler instance running it; null while no instance does (its crawler
 * stopped mid-crawl and it waits to be resumed)
 * @param resumes how many times it was resumed after its crawler stopped
 */
public record CrawlRecord(String id, String siteId, State state, Trigger trigger, Instant queuedAt, Instant startedAt,
		Instant heartbeatAt, Instant endedAt, CrawlSummary summary, String message, String owner, int resumes) {

	/** A running crawl sends a heartbeat this often. */
	static final Duration HEARTBEAT = Duration.ofSeconds(30);

	/** A crawl without a heartbeat this long lost its crawler. */
	static final Duration STALE = HEARTBEAT.multipliedBy(4);

	/**
	 * A crawl queued this long without a heartbeat lost its crawler (or waited behind
	 * others far too long).
	 */
	static final Duration QUEUED_STALE = Duration.ofHours(1);

	static CrawlRecord queued(String id, String siteId, Trigger trigger, String owner) {
		return new CrawlRecord(id, siteId, State.QUEUED, trigger, Instant.now(), null, null, null, null, null, owner,
				0);
	}

	CrawlRecord started() {
		Instant now = Instant.now();
		return new CrawlRecord(this.id, this.siteId, State.RUNNING, this.trigger, this.queuedAt,
				this.startedAt == null ? now : this.startedAt, now, null, null,
				this.resumes == 0 ? null : "resumed after its crawler stopped", this.owner, this.resumes);
	}

	CrawlRecord waitingFor(String why) {
		return new CrawlRecord(this.id, this.siteId, this.state, this.trigger, this.queuedAt, this.startedAt,
				Instant.now(), null, null, why, this.owner, this.resumes);
	}

	CrawlRecord beating() {
		return new CrawlRecord(this.id, this.siteId, this.state, this.trigger, this.queuedAt, this.startedAt,
				Instant.now(), null, null, this.message, this.owner, this.resumes);
	}

	/**
	 * The crawl as its crawler leaves it when stopping mid-crawl: no instance's, to be
	 * resumed by the next one that looks.
	 */
	CrawlRecord paused() {
		return new CrawlRecord(this.id, this.siteId, this.state, this.trigger, this.queuedAt, this.startedAt,
				this.heartbeatAt, null, null, "its crawler stopped mid-crawl; the next free crawler resumes it", null,
				this.resumes);
	}

	/** The crawl taken up by {@code newOwner} after its crawler stopped. */
	CrawlRecord resumedBy(String newOwner) {
		return new CrawlRecord(this.id, this.siteId, State.QUEUED, this.trigger, this.queuedAt, this.startedAt,
				Instant.now(), null, null, "resuming after its crawler stopped", newOwner, this.resumes + 1);
	}

	CrawlRecord ended(State endState, CrawlSummary result, String why) {
		return new CrawlRecord(this.id, this.siteId, endState, this.trigger, this.queuedAt, this.startedAt,
				this.heartbeatAt, Instant.now(), result, why, this.owner, this.resumes);
	}

	boolean hasEnded() {
		return this.state == State.SUCCEEDED || this.state == State.FAILED || this.state == State.CANCELLED;
	}

	/**
	 * Whether no crawler has this crawl any more: it is not over, and its crawler let go
	 * of it or has been silent too long.
	 */
	boolean isOrphaned(Instant now) {
		if (hasEnded()) {
			return false;
		}
		if (this.owner == null) {
			return true;
		}
		if (this.heartbeatAt != null) {
			return this.heartbeatAt.plus(STALE).isBefore(now);
		}
		return (this.startedAt == null ? this.queuedAt.plus(QUEUED_STALE) : this.startedAt.plus(STALE)).isBefore(now);
	}

	public enum State {

		QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED

	}

}
