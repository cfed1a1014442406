package dev.dafu.crawler.run;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;

import org.springframework.scheduling.support.CronExpression;

/**
 * Fires site schedules. Every instance looks each tick; a fire time becomes a crawl only
 * once across instances, since {@link Crawls#startScheduled} creates its record under an
 * id made of the site and the fire time, which only one instance can create.
 */
public class ScheduledCrawls {

	private final Sites sites;

	private final Crawls crawls;

	private Instant lastTick = Instant.now();

	public ScheduledCrawls(Sites sites, Crawls crawls) {
		this.sites = sites;
		this.crawls = crawls;
	}

	/**
	 * Every {@code dafu.crawler.schedule-tick} (the crawler's configuration registers
	 * it).
	 */
	public void fireDueSchedules() {
		this.crawls.resumeOrphanedCrawls();
		Instant now = Instant.now();
		for (SiteProfile site : this.sites.scheduled()) {
			if (site.schedule() == null || site.schedule().isBlank()) {
				continue;
			}
			ZonedDateTime from = this.lastTick.atZone(ZoneId.of(site.timeZone()));
			ZonedDateTime fire = CronExpression.parse(site.schedule()).next(from);
			if (fire != null && !fire.toInstant().isAfter(now)) {
				this.crawls.startScheduled(site.id(), fire.toInstant());
			}
		}
		this.lastTick = now;
	}

}
