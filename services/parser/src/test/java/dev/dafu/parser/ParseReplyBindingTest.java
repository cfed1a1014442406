package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * {@code parseReply} through its bindings (the Stream test binder, no broker): replies
 * out under their ids, and what became of each page a crawl sent told back to the crawl.
 */
@SpringBootTest(classes = ParserApplication.class,
		properties = { "spring.config.name=parser", "spring.cloud.stream.default-binder=integration",
				"spring.cloud.stream.bindings.parseReply-in-0.consumer.max-attempts=1" })
@EnableTestBinder
class ParseReplyBindingTest {

	/** The service's own mapper, as the binder converts with it. */
	@Autowired
	JsonMapper json;

	@Autowired
	InputDestination input;

	@Autowired
	OutputDestination output;

	@Test
	void aReplyGoesOutUnderItsIdAndItsCrawlHearsWhichReplyItWas() {
		com.fasterxml.jackson.databind.JsonNode expected = TestCorpus.PUBLIC.expected().get("replies").get(0);
		String path = expected.get("urls").get(0).asText();

		send(new CrawledPage("http://demo.test" + path, "demo", Instant.now(), 200, "text/html",
				TestCorpus.PUBLIC.page(path), List.of(), List.of(), "crawl-1"));

		Message<byte[]> reply = this.output.receive(5000, "replies.parsed");
		JsonNode parsed = this.json.readTree(reply.getPayload());
		assertThat(parsed.get("title").asText()).isEqualTo(expected.get("title").asText());
		assertThat(reply.getHeaders().get(KafkaHeaders.KEY)).isEqualTo(parsed.get("id").asText());
		JsonNode outcome = this.json.readTree(this.output.receive(5000, "crawl.pages.outcomes").getPayload());
		assertThat(outcome.get("result").asText()).isEqualTo("REPLIES");
		assertThat(outcome.get("crawlId").asText()).isEqualTo("crawl-1");
		assertThat(outcome.get("replyIds").get(0).asText()).isEqualTo(parsed.get("id").asText());
	}

	@Test
	void aPageThatCannotBeReadTellsItsCrawlWhyAndFails() {
		byte[] html = "<html><body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1><div><p>一</p><p>二</p></div></body></html>"
			.getBytes(StandardCharsets.UTF_8);

		send(new CrawledPage("http://demo.test/bad.html", "demo", Instant.now(), 200, "text/html", html, List.of(),
				List.of(), "crawl-2"));

		JsonNode outcome = this.json.readTree(this.output.receive(5000, "crawl.pages.outcomes").getPayload());
		assertThat(outcome.get("result").asText()).isEqualTo("DEAD_LETTERED");
		assertThat(outcome.get("reason").asText()).isEqualTo("reply has no issuer (答复单位)");
		assertThat(this.output.receive(500, "replies.parsed")).isNull();
	}

	@Test
	void aPageNoCrawlSentIsParsedWithoutAnOutcome() {
		send(new CrawledPage("http://demo.test/news.html", "demo", Instant.now(), 200, "text/html",
				"<html><body><p>新闻</p></body></html>".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.output.receive(500, "crawl.pages.outcomes")).isNull();
	}

	private void send(CrawledPage page) {
		this.input.send(MessageBuilder.withPayload(this.json.writeValueAsBytes(page)).build(), "crawl.pages");
	}

}
