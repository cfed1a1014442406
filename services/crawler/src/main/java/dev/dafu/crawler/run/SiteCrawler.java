package dev.dafu.crawler.run;

import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.fetch.PoliteFetcher;
import dev.dafu.crawler.site.SiteProfile;

/**
 * Crawls one site: from its start pages and the sitemaps its robots.txt names through its
 * listings (their links, their pagination, including page counts only printed in
 * {@code createPageHTML(…)}), handing every new or changed detail page with its
 * continuation pages to the parser and every page that disappeared to the indexer. It
 * stays on the start pages' hosts, obeys robots.txt, keeps the site's delay and
 * concurrency towards each host, stops at the site's page limit, and checks each
 * listing's printed total (共N件) against the detail links it found. Every URL found and
 * what became of it goes to the crawl's frontier as it happens, so an interrupted crawl
 * resumes where it stopped. A crawl is a {@link SiteVisit}; its readers of listings and
 * detail pages read, and {@link dev.dafu.crawler.fetch.PoliteFetcher} fetches.
 */
public class SiteCrawler {

	private static final Logger log = LoggerFactory.getLogger(SiteCrawler.class);

	private final PageFetcher fetcher;

	private final String robotsName;

	private final PageSink pages;

	private final PageHistory history;

	private final Frontier frontier;

	private final MeterRegistry meters;

	public SiteCrawler(PageFetcher fetcher, String robotsName, PageSink pages, PageHistory history, Frontier frontier,
			MeterRegistry meters) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.pages = pages;
		this.history = history;
		this.frontier = frontier;
		this.meters = meters;
	}

	public CrawlSummary crawl(SiteProfile site) throws InterruptedException {
		return crawl(site, "adhoc-" + UUID.randomUUID(), () -> false);
	}

	/**
	 * Crawls {@code site} until done, its page limit, or {@code cancelled} says so. A
	 * crawl the frontier knows already (it was interrupted) resumes: what it finished is
	 * counted, not fetched again.
	 * @throws InterruptedException when the crawler is shutting down; the crawl's
	 * frontier is kept, so it can resume
	 */
	CrawlSummary crawl(SiteProfile site, String crawlId, BooleanSupplier cancelled) throws InterruptedException {
		SiteVisit visit = new SiteVisit(site, crawlId, cancelled, this.fetcher, this.robotsName, this.pages,
				this.history, this.frontier, this.meters);
		visit.resume(this.frontier.entries(crawlId));
		visit.start();
		// Detail pages may name listings (a year's catalogue), so the two take turns.
		while (visit.mayGoOn() && visit.hasWork()) {
			Frontier.Entry link;
			while (visit.mayGoOn() && (link = visit.nextLink()) != null) {
				visit.process(link);
			}
			visit.crawlDetails();
		}
		CrawlSummary summary = visit.summary(cancelled.getAsBoolean());
		this.frontier.forget(crawlId);
		log.info(
				"Crawled site {}: {} pages fetched, {} new, {} updated, {} unchanged, {} gone, "
						+ "{} forbidden by robots.txt, errors {}, coverage {}{}",
				site.id(), summary.pagesFetched(), summary.newReplies(), summary.updatedReplies(),
				summary.pagesUnchanged(), summary.pagesGone(), summary.skippedByRobots(), summary.errorsByKind(),
				summary.coverage(), summary.stoppedEarly() == null ? "" : ", stopped early: " + summary.stoppedEarly());
		return summary;
	}

}
