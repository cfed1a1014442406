package dev.dafu.crawler;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.crawler.run.Crawls;
import dev.dafu.crawler.run.PageSink;
import dev.dafu.crawler.run.ScheduledCrawls;
import dev.dafu.elasticsearch.IndexSetup;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.PageOutcome;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.testsupport.BindingProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The crawler's bindings through the Stream test binder: what a crawl hands on (pages to
 * {@code crawl.pages}, gone pages to {@code pages.gone}, keyed by URL, as JSON) and the
 * {@code recordPageOutcome} function bean reading what the parser made of a page. The
 * stores are mocks here; on Elasticsearch in the integration tests.
 */
@SpringBootTest(properties = { "spring.config.name=crawler", "spring.kafka.admin.auto-create=false",
		"spring.cloud.stream.default-binder=integration",
		"spring.cloud.stream.bindings.recordPageOutcome-in-0.consumer.max-attempts=1" })
@Import(BindingProbe.Configuration.class)
class CrawlerBindingsTest {

	@Autowired
	private InputDestination input;

	@Autowired
	private OutputDestination output;

	@Autowired
	private JsonMapper json;

	@Autowired
	private PageSink sink;

	@MockitoBean
	private PageOutcomes pageOutcomes;

	@MockitoBean(name = "crawlerIndices")
	private IndexSetup crawlerIndices;

	@MockitoBean
	private Crawls crawls;

	@MockitoBean
	private ScheduledCrawls scheduledCrawls;

	@Autowired
	private BindingProbe probe;

	@BeforeEach
	void clear() {
		this.output.clear();
		this.probe.clear();
	}

	@Test
	void aFetchedPageGoesToCrawlPagesKeyedByItsUrl() {
		CrawledPage page = new CrawledPage("http://site.test/34.html", "test", Instant.parse("2026-12-01T00:00:00Z"),
				200, "text/html; charset=UTF-8", "<html>答复</html>".getBytes(StandardCharsets.UTF_8), List.of(),
				List.of(), "crawl-1");

		this.sink.fetched(page);

		Message<byte[]> sent = this.output.receive(1000, "crawl.pages");
		assertThat(sent.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("http://site.test/34.html");
		CrawledPage read = this.json.readValue(sent.getPayload(), CrawledPage.class);
		assertThat(read.crawlId()).isEqualTo("crawl-1");
		assertThat(new String(read.content(), StandardCharsets.UTF_8)).isEqualTo("<html>答复</html>");
	}

	@Test
	void aGonePageGoesToPagesGoneKeyedByItsUrl() {
		this.sink.gone(new PageGone("http://site.test/35.html", "test", 410, Instant.parse("2026-12-01T00:00:00Z")));

		Message<byte[]> sent = this.output.receive(1000, "pages.gone");
		assertThat(sent.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("http://site.test/35.html");
		assertThat(this.json.readValue(sent.getPayload(), PageGone.class).status()).isEqualTo(410);
	}

	@Test
	void whatTheParserMadeOfAPageIsRecordedForItsCrawl() {
		PageOutcome outcome = new PageOutcome("http://site.test/34.html", "test", "crawl-1", PageOutcome.Result.REPLIES,
				List.of("reply-1"), null, "0.3.0", Instant.parse("2026-12-01T00:00:00Z"));

		this.input.send(MessageBuilder.withPayload(this.json.writeValueAsBytes(outcome)).build(),
				"crawl.pages.outcomes");

		this.probe.assertNoFailure();
		verify(this.pageOutcomes).record(outcome);
	}

	@Test
	void anOutcomeWithoutItsCrawlIsRefusedWithThatReason() {
		this.input.send(MessageBuilder
			.withPayload(
					"{\"url\": \"http://site.test/34.html\", \"result\": \"REPLIES\"}".getBytes(StandardCharsets.UTF_8))
			.build(), "crawl.pages.outcomes");

		verifyNoInteractions(this.pageOutcomes);
		assertThat(this.probe.reason()).hasMessageContaining("no crawlId");
	}

	@Test
	void elasticsearchAwayIsAnOutageNotABadRecord() {
		willThrow(new UncheckedIOException(new ConnectException("Connection refused"))).given(this.pageOutcomes)
			.record(any());
		PageOutcome outcome = new PageOutcome("http://site.test/34.html", "test", "crawl-1",
				PageOutcome.Result.NOT_A_REPLY, List.of(), null, "0.3.0", Instant.parse("2026-12-01T00:00:00Z"));

		this.input.send(MessageBuilder.withPayload(this.json.writeValueAsBytes(outcome)).build(),
				"crawl.pages.outcomes");

		assertThat(this.probe.failure()).hasCauseInstanceOf(DependencyUnavailableException.class);
	}

}
