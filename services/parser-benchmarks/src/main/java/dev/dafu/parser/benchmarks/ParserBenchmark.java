package dev.dafu.parser.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * Pages per second on one thread over the public corpus's 44 detail pages: Dafu's full
 * structured extraction against Apache Tika's HTML parser extracting plain text only,
 * called directly ({@link JSoupParser}, not {@code AutoDetectParser}, whose type
 * detection costs half its time). Each operation is one page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

	/**
	 * The number of detail pages in the public corpus; checked in {@link #loadCorpus()}.
	 */
	private static final int PAGES = 44;

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	private final JSoupParser tika = new JSoupParser();

	private List<CrawledPage> pages;

	@Setup
	public void loadCorpus() {
		JsonNode expected = TestCorpus.PUBLIC.expected();
		List<String> urls = new ArrayList<>();
		expected.get("replies").forEach(reply -> reply.get("urls").forEach(url -> urls.add(url.asText())));
		expected.get("nonReplyUrls").forEach(url -> urls.add(url.asText()));
		expected.get("forbiddenUrls").forEach(url -> urls.add(url.asText()));
		this.pages = urls.stream()
			.map(url -> new CrawledPage("http://demo.test" + url, "demo", Instant.now(), 200, "text/html",
					TestCorpus.PUBLIC.page(url)))
			.toList();
		if (this.pages.size() != PAGES) {
			throw new IllegalStateException("expected " + PAGES + " detail pages, found " + this.pages.size());
		}
	}

	@Benchmark
	@OperationsPerInvocation(PAGES)
	public void dafuStructuredExtraction(Blackhole blackhole) {
		for (CrawledPage page : this.pages) {
			blackhole.consume(this.parser.parse(page));
		}
	}

	@Benchmark
	@OperationsPerInvocation(PAGES)
	public void tikaJsoupParserPlainText(Blackhole blackhole) throws IOException, SAXException, TikaException {
		for (CrawledPage page : this.pages) {
			BodyContentHandler text = new BodyContentHandler(-1);
			Metadata metadata = new Metadata();
			metadata.set(Metadata.CONTENT_TYPE, "text/html");
			this.tika.parse(new ByteArrayInputStream(page.content()), text, metadata, new ParseContext());
			blackhole.consume(text.toString());
		}
	}

}
