package dev.dafu.crawler.run;

import java.util.List;
import java.util.Map;

/**
 * What one crawl of a site did.
 *
 * @param site the site id
 * @param pagesFetched pages fetched (sitemaps, listings, detail pages and their
 * continuations)
 * @param newReplies detail pages sent to the parser for the first time (or again after
 * they were gone)
 * @param updatedReplies detail pages sent again because their content changed since the
 * last crawl
 * @param pagesUnchanged detail pages unchanged since the last crawl, not sent again
 * @param pagesGone detail pages that were there and now answer 404 or 410
 * @param skippedByRobots URLs robots.txt forbids
 * @param errorsByKind how many URLs failed, by kind ({@code http-404}, {@code timeout},
 * {@code blocked-address} …)
 * @param errors one line per failed URL with its reason (the first 200)
 * @param coverage listings whose printed total (共N件) is more than the detail links found
 * @param stoppedEarly why the crawl ended before the site did ({@code maxPages},
 * cancelled), or null
 */
public record CrawlSummary(String site, int pagesFetched, int newReplies, int updatedReplies, int pagesUnchanged,
		int pagesGone, int skippedByRobots, Map<String, Integer> errorsByKind, List<String> errors,
		List<String> coverage, String stoppedEarly) {

	/** Detail pages sent to the parser: new and updated. */
	public int pagesSent() {
		return this.newReplies + this.updatedReplies;
	}

}
