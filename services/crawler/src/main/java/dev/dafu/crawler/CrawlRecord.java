package dev.dafu.crawler;

import java.time.Duration;
import java.time.Instant;

/**
 * One crawl of a site, as operators watch it.
 *
 * @param id the crawl's id
 * @param siteId the site crawled
 * @param state where it stands
 * @param trigger what started it: {@code manual}, {@code schedule} or {@code startup}
 * @param queuedAt when it was asked for
 * @param startedAt when it started, null while queued
 * @param heartbeatAt when the instance running it last said it is still at it
 * @param endedAt when it ended, null until then
 * @param summary what it did, once it has ended
 * @param message why it failed or stopped, where it did
 */
public record CrawlRecord(String id, String siteId, State state, String trigger, Instant queuedAt, Instant startedAt,
		Instant heartbeatAt, Instant endedAt, CrawlSummary summary, String message) {

	/** A running crawl sends a heartbeat this often. */
	static final Duration HEARTBEAT = Duration.ofSeconds(30);

	/** A running crawl without a heartbeat this long lost its crawler. */
	static final Duration RUNNING_STALE = HEARTBEAT.multipliedBy(4);

	/**
	 * A crawl still queued after this long lost its crawler (or waited behind others far
	 * too long).
	 */
	static final Duration QUEUED_STALE = Duration.ofHours(1);

	static CrawlRecord queued(String id, String siteId, String trigger) {
		return new CrawlRecord(id, siteId, State.QUEUED, trigger, Instant.now(), null, null, null, null, null);
	}

	CrawlRecord started() {
		Instant now = Instant.now();
		return new CrawlRecord(this.id, this.siteId, State.RUNNING, this.trigger, this.queuedAt, now, now, null, null,
				null);
	}

	CrawlRecord beating() {
		return new CrawlRecord(this.id, this.siteId, this.state, this.trigger, this.queuedAt, this.startedAt,
				Instant.now(), null, null, null);
	}

	CrawlRecord ended(State endState, CrawlSummary result, String why) {
		return new CrawlRecord(this.id, this.siteId, endState, this.trigger, this.queuedAt, this.startedAt,
				this.heartbeatAt, Instant.now(), result, why);
	}

	boolean hasEnded() {
		return this.state == State.SUCCEEDED || this.state == State.FAILED || this.state == State.CANCELLED;
	}

	/**
	 * Whether the crawler that had this crawl is gone: queued or running, but silent too
	 * long.
	 */
	boolean isStale(Instant now) {
		return switch (this.state) {
			case QUEUED -> this.queuedAt.plus(QUEUED_STALE).isBefore(now);
			case RUNNING ->
				(this.heartbeatAt == null ? this.startedAt : this.heartbeatAt).plus(RUNNING_STALE).isBefore(now);
			default -> false;
		};
	}

	public enum State {

		QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED

	}

}
