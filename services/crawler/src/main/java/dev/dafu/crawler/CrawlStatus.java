package dev.dafu.crawler;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.dafu.crawler.run.CrawlRecord;

/**
 * A crawl as the operator API shows it: its record, and what the parser made of the pages
 * it sent, so a site whose pages are not being read shows the day it is registered.
 *
 * @param crawl the crawl's record, its fields at the top level
 * @param parsed what the parser made of its pages so far
 * @param awaitingParser pages it sent that the parser has not reported on yet; null until
 * the crawl has ended and its count of pages sent is known
 */
record CrawlStatus(@JsonUnwrapped CrawlRecord crawl, PageOutcomes.Tally parsed, Long awaitingParser) {

	static CrawlStatus of(CrawlRecord crawl, Map<String, PageOutcomes.Tally> tallies) {
		PageOutcomes.Tally parsed = tallies.getOrDefault(crawl.id(), PageOutcomes.Tally.NONE);
		Long awaiting = crawl.summary() == null ? null : Math.max(0, crawl.summary().pagesSent() - parsed.pagesRead());
		return new CrawlStatus(crawl, parsed, awaiting);
	}

	static List<CrawlStatus> of(List<CrawlRecord> crawls, PageOutcomes outcomes) {
		Map<String, PageOutcomes.Tally> tallies = outcomes.tally(crawls.stream().map(CrawlRecord::id).toList());
		return crawls.stream().map(crawl -> of(crawl, tallies)).toList();
	}

}
