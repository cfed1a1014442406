package dev.dafu.parser.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.tika.parser.html.JSoupParser;

import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;

/**
 * Dafu's parser against Tika's HTML parser on one thread, in alternating rounds, timed in
 * the thread's CPU time: on a shared machine whose speed drifts from minute to minute,
 * two runs that follow each other (as JMH's benchmarks do) compare the machine as much as
 * the parsers; rounds a few hundred milliseconds long, in turn, do not. Prints each
 * site's pages per CPU second for both and the ratio, with the spread of the rounds'
 * ratios.
 */
public final class ParserRatioRun {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private ParserRatioRun() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
		for (String site : List.of("public", "varied")) {
			List<CrawledPage> pages = ParserBenchmark.pages(site);
			ReplyParser parser = new ReplyParser(10 * 1024 * 1024);
			JSoupParser tika = new JSoupParser();
			int passes = Math.max(1, 600 / pages.size());
			for (int warm = 0; warm < 10; warm++) {
				dafu(parser, pages, passes);
				tika(tika, pages, passes);
			}
			long dafuNanos = 0;
			long tikaNanos = 0;
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				long dafu;
				long tikas;
				if (round % 2 == 0) {
					dafu = dafu(parser, pages, passes);
					tikas = tika(tika, pages, passes);
				}
				else {
					tikas = tika(tika, pages, passes);
					dafu = dafu(parser, pages, passes);
				}
				dafuNanos += dafu;
				tikaNanos += tikas;
				ratios.add((double) tikas / dafu);
			}
			Collections.sort(ratios);
			double pagesRead = (double) rounds * passes * pages.size();
			System.out.printf(
					"%s (%d pages): Dafu %.0f pages/s, Tika %.0f pages/s, ratio %.2f (rounds %.2f–%.2f, median %.2f)%n",
					site, pages.size(), pagesRead / (dafuNanos / 1e9), pagesRead / (tikaNanos / 1e9),
					(double) tikaNanos / dafuNanos, ratios.get(0), ratios.get(ratios.size() - 1),
					ratios.get(ratios.size() / 2));
		}
	}

	private static long dafu(ReplyParser parser, List<CrawledPage> pages, int passes) {
		long start = THREADS.getCurrentThreadCpuTime();
		long consumed = 0;
		for (int pass = 0; pass < passes; pass++) {
			for (CrawledPage page : pages) {
				consumed += parser.parse(page).size();
			}
		}
		long spent = THREADS.getCurrentThreadCpuTime() - start;
		return consumed < 0 ? -1 : spent;
	}

	private static long tika(JSoupParser tika, List<CrawledPage> pages, int passes) throws Exception {
		long start = THREADS.getCurrentThreadCpuTime();
		long consumed = 0;
		for (int pass = 0; pass < passes; pass++) {
			for (CrawledPage page : pages) {
				consumed += ParserBenchmark.tikaText(tika, page).length();
			}
		}
		long spent = THREADS.getCurrentThreadCpuTime() - start;
		return consumed < 0 ? -1 : spent;
	}

}
