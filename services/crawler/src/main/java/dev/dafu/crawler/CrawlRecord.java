package dev.dafu.crawler;

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
 * @param endedAt when it ended, null until then
 * @param summary what it did, once it has ended
 * @param message why it failed or stopped, where it did
 */
public record CrawlRecord(String id, String siteId, State state, String trigger, Instant queuedAt, Instant startedAt,
		Instant endedAt, CrawlSummary summary, String message) {

	CrawlRecord started() {
		return new CrawlRecord(this.id, this.siteId, State.RUNNING, this.trigger, this.queuedAt, Instant.now(), null,
				null, null);
	}

	CrawlRecord ended(State endState, CrawlSummary result, String why) {
		return new CrawlRecord(this.id, this.siteId, endState, this.trigger, this.queuedAt, this.startedAt,
				Instant.now(), result, why);
	}

	boolean isOver() {
		return this.state == State.SUCCEEDED || this.state == State.FAILED || this.state == State.CANCELLED;
	}

	public enum State {

		QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED

	}

}
