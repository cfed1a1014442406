package dev.dafu.crawler.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a crawl did so far, as its record will say: requests sent, URLs by result,
 * failures by kind with their first lines, and for each listing folder the total it
 * prints against the detail pages found there. Safe for the crawl's workers at once.
 */
final class CrawlTally {

	/** The most failure lines a crawl record keeps; every failure is counted by kind. */
	private static final int MAX_ERROR_LINES = 200;

	private final Map<String, Integer> errorsByKind = new TreeMap<>();

	private final List<String> errors = new ArrayList<>();

	/**
	 * Per listing folder: the largest printed total, and the rows its listings link.
	 */
	private final Map<String, Integer> printedTotals = new TreeMap<>();

	private final Map<String, Set<String>> linkedByFolder = new HashMap<>();

	private final Map<Frontier.Result, Integer> results = new EnumMap<>(Frontier.Result.class);

	private int fetched;

	private int forbidden;

	private String stoppedEarly;

	/** Adds what became of one URL. */
	synchronized void count(Frontier.Outcome outcome) {
		this.fetched += outcome.fetches();
		this.forbidden += outcome.forbidden();
		this.results.merge(outcome.result(), 1, Integer::sum);
		outcome.failures().forEach(failure -> error(failure.kind(), failure.reason()));
		if (outcome.folder() != null) {
			if (outcome.printedTotal() != null) {
				this.printedTotals.merge(outcome.folder(), outcome.printedTotal(), Math::max);
			}
			this.linkedByFolder.computeIfAbsent(outcome.folder(), key -> new HashSet<>()).addAll(outcome.rows());
		}
	}

	/** A failure of the crawl that is no URL's (a start URL that is none, say). */
	synchronized void error(String kind, String line) {
		this.errorsByKind.merge(kind, 1, Integer::sum);
		if (this.errors.size() < MAX_ERROR_LINES) {
			this.errors.add(line);
		}
	}

	/** The requests sent so far. */
	synchronized int fetched() {
		return this.fetched;
	}

	/** Notes why the crawl ended before the site did. */
	synchronized void stoppedEarly(String why) {
		this.stoppedEarly = why;
	}

	/**
	 * What the crawl did. Coverage is checked only when {@code everyListingRead}: a crawl
	 * stopped before that found fewer links than the listings print by design.
	 */
	synchronized CrawlSummary summary(String siteId, boolean everyListingRead) {
		List<String> coverage = new ArrayList<>();
		Map<String, Integer> checked = everyListingRead ? this.printedTotals : Map.of();
		for (Map.Entry<String, Integer> printed : checked.entrySet()) {
			int linked = this.linkedByFolder.getOrDefault(printed.getKey(), Set.of()).size();
			if (linked < printed.getValue()) {
				coverage.add(
						printed.getKey() + ": 共" + printed.getValue() + "件 printed, " + linked + " detail links found");
			}
		}
		return new CrawlSummary(siteId, this.fetched, count(Frontier.Result.NEW), count(Frontier.Result.UPDATED),
				count(Frontier.Result.UNCHANGED), count(Frontier.Result.GONE), this.forbidden,
				Map.copyOf(this.errorsByKind), List.copyOf(this.errors), List.copyOf(coverage), this.stoppedEarly);
	}

	private int count(Frontier.Result result) {
		return this.results.getOrDefault(result, 0);
	}

}
