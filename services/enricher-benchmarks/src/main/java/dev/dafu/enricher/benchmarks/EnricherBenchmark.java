package dev.dafu.enricher.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;
import dev.dafu.text.ChineseSegmenter;

/**
 * Replies per second on one thread through full enrichment ({@link ReplyEnricher#enrich}:
 * segmentation of title and body, the words indexed, keywords, summary, topics, entities,
 * amounts, submission key, fingerprint). {@code corpus} is the public corpus's replies
 * (41, as the parser reads them) or the real seed reply (about 5 000 characters), each
 * operation one reply in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EnricherBenchmark {

	@Param({ "public", "seed" })
	public String corpus;

	private final ReplyEnricher enricher = new ReplyEnricher(new ChineseSegmenter());

	private List<Reply> replies;

	private int next;

	@Setup
	public void loadCorpus() {
		this.replies = replies(this.corpus);
	}

	@Benchmark
	public EnrichedReply enrich() {
		Reply reply = this.replies.get(this.next);
		this.next = (this.next + 1) % this.replies.size();
		return this.enricher.enrich(reply);
	}

	/**
	 * The replies of {@code corpus}, {@code public} or {@code seed}, as the parser reads
	 * them.
	 */
	static List<Reply> replies(String corpus) {
		ReplyParser parser = new ReplyParser(10 * 1024 * 1024);
		List<Reply> replies = new ArrayList<>();
		if (corpus.equals("seed")) {
			replies.addAll(parser.parse(page("http://stcsm.test/seed.html", TestCorpus.realPage("stcsm-2024-34.txt"))));
		}
		else {
			TestCorpus.PUBLIC.expected().get("replies").forEach(reply -> {
				String url = reply.get("urls").get(0).asText();
				replies.addAll(parser.parse(page("http://demo.test" + url, TestCorpus.PUBLIC.page(url))));
			});
		}
		return replies;
	}

	private static CrawledPage page(String url, byte[] html) {
		return new CrawledPage(url, "demo", Instant.now(), 200, "text/html", html, List.of(), List.of(), null);
	}

}
