package dev.dafu.crawler;

import java.util.List;

/**
 * What one crawl of a site did.
 *
 * @param site the site id
 * @param pagesSent pages handed to the parser
 * @param skippedByRobots URLs robots.txt forbids
 * @param errors one line per page that could not be fetched, with its reason
 */
public record CrawlSummary(String site, int pagesSent, int skippedByRobots, List<String> errors) {
}
