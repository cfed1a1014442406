package dev.dafu.parser.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.sax.BodyContentHandler;
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
import org.openjdk.jmh.infra.Blackhole;
import org.xml.sax.SAXException;

import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;

/**
 * Pages per second on one thread over a corpus site's detail pages: Dafu's full
 * structured extraction against Apache Tika's HTML parser extracting plain text only,
 * called directly ({@link JSoupParser}, not {@code AutoDetectParser}, whose type
 * detection costs half its time). {@code site} is the public corpus's site (44 detail
 * pages of two templates) or the varied site's HTML pages (layout tables, Word markup, a
 * GBK page, non-replies; the replies printed in files are left out, since Tika's HTML
 * parser reads no files). Each operation is one page, in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

	@Param({ "public", "varied" })
	public String site;

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	private final JSoupParser tika = new JSoupParser();

	private List<CrawledPage> pages;

	private int next;

	@Setup
	public void loadCorpus() {
		this.pages = pages(this.site);
	}

	/**
	 * The detail pages of a corpus site ({@code public} or {@code varied}) as the crawler
	 * sends them, but for replies printed in files, which Tika's HTML parser does not
	 * read.
	 */
	static List<CrawledPage> pages(String site) {
		TestCorpus.Site corpus = site.equals("public") ? TestCorpus.PUBLIC : TestCorpus.VARIED;
		JsonNode expected = corpus.expected();
		Set<String> urls = new LinkedHashSet<>();
		expected.get("replies").forEach(reply -> {
			if (reply.get("partUrls").isEmpty()) {
				reply.get("urls").forEach(url -> urls.add(url.asText()));
			}
		});
		expected.get("nonReplyUrls").forEach(url -> urls.add(url.asText()));
		expected.get("forbiddenUrls").forEach(url -> urls.add(url.asText()));
		return urls.stream()
			.map(url -> new CrawledPage("http://demo.test" + url, "demo", Instant.now(), 200, "text/html",
					corpus.page(url)))
			.toList();
	}

	private CrawledPage nextPage() {
		CrawledPage page = this.pages.get(this.next);
		this.next = (this.next + 1) % this.pages.size();
		return page;
	}

	@Benchmark
	public void dafuStructuredExtraction(Blackhole blackhole) {
		blackhole.consume(this.parser.parse(nextPage()));
	}

	@Benchmark
	public void tikaJsoupParserPlainText(Blackhole blackhole) throws IOException, SAXException, TikaException {
		blackhole.consume(tikaText(this.tika, nextPage()));
	}

	/** What Tika's HTML parser makes of a page: its plain text. */
	static String tikaText(JSoupParser tika, CrawledPage page) throws IOException, SAXException, TikaException {
		BodyContentHandler text = new BodyContentHandler(-1);
		Metadata metadata = new Metadata();
		metadata.set(Metadata.CONTENT_TYPE, "text/html");
		tika.parse(new ByteArrayInputStream(page.content()), text, metadata, new ParseContext());
		return text.toString();
	}

}
