package dev.dafu.parser;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageOutcome;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.BindingProbe;
import dev.dafu.testsupport.TestCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser's function bean as it is bound: a batch of pages from {@code crawl.pages}
 * through the Stream test binder, the replies it sends to {@code replies.parsed} and what
 * it tells the crawl on {@code crawl.pages.outcomes}. Dead-lettering itself is the Kafka
 * binder's, on the real broker in {@code FaultIT}.
 */
@SpringBootTest(properties = { "spring.config.name=parser", "spring.kafka.admin.auto-create=false",
		"spring.cloud.stream.default-binder=integration",
		"spring.cloud.stream.bindings.parseReply-in-0.consumer.max-attempts=1" })
@Import(BindingProbe.Configuration.class)
class ParseReplyBindingTest {

	private static final byte[] NOT_A_REPLY = "<html><body><h1>网站首页</h1><p>欢迎访问</p></body></html>"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] NO_ISSUER = """
			<html><body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1>
			<div><p>正文第一段。</p><p>正文第二段。</p></div></body></html>
			""".getBytes(StandardCharsets.UTF_8);

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@Autowired
	private BindingProbe probe;

	@BeforeEach
	void clearTheProbe() {
		this.probe.clear();
	}

	@Test
	void aReplyPageSendsItsReplyUnderTheReplysIdAndTellsTheCrawl() {
		batch(page("http://stcsm.test/seed.html", TestCorpus.realPage("stcsm-2024-34.txt"), "crawl-1"));

		this.probe.assertNoFailure();
		assertThat(this.probe.sent("replies.parsed")).singleElement().satisfies(record -> {
			Reply reply = this.json.readValue(record.value(), Reply.class);
			assertThat(record.key()).isEqualTo(reply.id());
			assertThat(reply.urls()).containsExactly("http://stcsm.test/seed.html");
		});
		assertThat(this.probe.sent("crawl.pages.outcomes")).singleElement().satisfies(record -> {
			PageOutcome outcome = this.json.readValue(record.value(), PageOutcome.class);
			assertThat(record.key()).isEqualTo("http://stcsm.test/seed.html");
			assertThat(outcome.crawlId()).isEqualTo("crawl-1");
			assertThat(outcome.result()).isEqualTo(PageOutcome.Result.REPLIES);
			assertThat(outcome.replyIds()).containsExactly(this.probe.sent("replies.parsed").get(0).key());
		});
		assertThat(this.probe.sent()).extracting(record -> record.topic())
			.as("the crawl hears of a page after its replies")
			.containsExactly("replies.parsed", "crawl.pages.outcomes");
	}

	@Test
	void aPageThatHoldsNoReplyIsDroppedAndTheCrawlToldSo() {
		batch(page("http://site.test/index.html", NOT_A_REPLY, "crawl-1"));

		this.probe.assertNoFailure();
		assertThat(this.probe.sent("replies.parsed")).isEmpty();
		assertThat(this.probe.sent("crawl.pages.outcomes")).singleElement().satisfies(record -> {
			PageOutcome outcome = this.json.readValue(record.value(), PageOutcome.class);
			assertThat(outcome.result()).isEqualTo(PageOutcome.Result.NOT_A_REPLY);
			assertThat(outcome.reason()).startsWith("no line reads as a reply's title");
		});
	}

	@Test
	void aPageNoCrawlSentTellsNoOne() {
		batch(page("http://site.test/index.html", NOT_A_REPLY, null));

		this.probe.assertNoFailure();
		assertThat(this.probe.sent()).isEmpty();
	}

	@Test
	void anUnreadableReplyIsDeadLetteredWithItsReasonAfterWhatThePagesBeforeItMade() {
		batch(page("http://site.test/index.html", NOT_A_REPLY, "crawl-1"),
				page("http://site.test/bad.html", NO_ISSUER, "crawl-1"),
				page("http://stcsm.test/seed.html", TestCorpus.realPage("stcsm-2024-34.txt"), "crawl-1"));

		BatchListenerFailedException failure = this.probe.batchFailure();
		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("http://site.test/bad.html");
		assertThat(this.probe.sent("replies.parsed")).as("the page after it is read again, not now").isEmpty();
		assertThat(this.probe.sent("crawl.pages.outcomes"))
			.extracting(record -> this.json.readValue(record.value(), PageOutcome.class))
			.satisfiesExactly(first -> assertThat(first.result()).isEqualTo(PageOutcome.Result.NOT_A_REPLY), bad -> {
				assertThat(bad.result()).isEqualTo(PageOutcome.Result.DEAD_LETTERED);
				assertThat(bad.reason()).isNotBlank();
			});
	}

	@Test
	void aRecordThatIsNoPageIsDeadLetteredSayingWhatIsWrong() {
		this.input.send(MessageBuilder
			.withPayload(List.of("{\"site\": \"x\", \"status\": 200}".getBytes(StandardCharsets.UTF_8)))
			.build(), "crawl.pages");

		assertThat(this.probe.batchFailure().getMessage()).contains("no url");
		assertThat(this.probe.sent()).isEmpty();
	}

	private byte[] page(String url, byte[] html, String crawlId) {
		return this.json.writeValueAsBytes(new CrawledPage(url, "test", Instant.parse("2026-12-01T00:00:00Z"), 200,
				"text/html; charset=UTF-8", html, List.of(), List.of(), crawlId));
	}

	private void batch(byte[]... pages) {
		this.input.send(MessageBuilder.withPayload(List.of(pages)).build(), "crawl.pages");
	}

}
