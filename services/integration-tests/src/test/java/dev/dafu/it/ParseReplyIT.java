package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.parser.ParserApplication;
import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * The parser service on the real broker, with topics of its own: a batch of pages in one
 * partition, one of which cannot be read, comes out whole around it. Replies go out under
 * their ids, each crawl hears what became of its pages (the unreadable one with the
 * reason), the unreadable page is dead-lettered, and the page after it is not lost.
 */
@ExtendWith(RealServers.class)
class ParseReplyIT {

	private static final String PREFIX = "it-parse-" + UUID.randomUUID().toString().substring(0, 8) + ".";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	static Services services;

	@BeforeAll
	static void start() {
		services = new Services("replies-parse-it");
		services.start(ParserApplication.application(),
				"--spring.cloud.stream.bindings.parseReply-in-0.destination=" + PREFIX + "crawl.pages",
				"--spring.cloud.stream.kafka.bindings.parseReply-in-0.consumer.dlq-name=" + PREFIX + "crawl.pages.dlq",
				"--dafu.parser.replies-topic=" + PREFIX + "replies.parsed",
				"--dafu.parser.outcomes-topic=" + PREFIX + "crawl.pages.outcomes");
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void aBatchComesOutWholeAroundAPageThatCannotBeRead() throws Exception {
		JsonNode first = TestCorpus.PUBLIC.expected().get("replies").get(0);
		JsonNode second = TestCorpus.PUBLIC.expected().get("replies").get(1);
		byte[] unreadable = "<html><body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1><div><p>一</p><p>二</p></div></body></html>"
			.getBytes(StandardCharsets.UTF_8);
		List<CrawledPage> pages = List.of(corpusPage(first, "crawl-1"),
				new CrawledPage("http://demo.test/bad.html", "demo", Instant.now(), 200, "text/html", unreadable,
						List.of(), List.of(), "crawl-2"),
				corpusPage(second, "crawl-1"), new CrawledPage("http://demo.test/news.html", "demo", Instant.now(), 200,
						"text/html", "<html><body><p>新闻</p></body></html>".getBytes(StandardCharsets.UTF_8)));
		JsonMapper json = JsonMapper.builder().build();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 100),
				new StringSerializer(), new ByteArraySerializer())) {
			for (CrawledPage page : pages) {
				producer
					.send(new ProducerRecord<>(PREFIX + "crawl.pages", 0, page.url(), json.writeValueAsBytes(page)));
			}
		}

		List<ConsumerRecord<String, byte[]>> replies = readUntil(PREFIX + "replies.parsed", 2);
		List<ConsumerRecord<String, byte[]>> outcomes = readUntil(PREFIX + "crawl.pages.outcomes", 3);
		List<ConsumerRecord<String, byte[]>> deadLetters = readUntil(PREFIX + "crawl.pages.dlq", 1);

		assertThat(replies).extracting(record -> JSON.readTree(record.value()).get("title").asText())
			.containsExactlyInAnyOrder(first.get("title").asText(), second.get("title").asText());
		assertThat(replies)
			.allSatisfy(record -> assertThat(record.key()).isEqualTo(JSON.readTree(record.value()).get("id").asText()));
		List<JsonNode> told = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> outcome : outcomes) {
			told.add(JSON.readTree(outcome.value()));
		}
		assertThat(told).extracting(outcome -> outcome.get("url").asText())
			.as("the news page, which no crawl sent, has no outcome")
			.containsExactlyInAnyOrder(pages.get(0).url(), "http://demo.test/bad.html", pages.get(2).url());
		assertThat(told).anySatisfy(outcome -> {
			assertThat(outcome.get("crawlId").asText()).isEqualTo("crawl-2");
			assertThat(outcome.get("result").asText()).isEqualTo("DEAD_LETTERED");
			assertThat(outcome.get("reason").asText()).isEqualTo("reply has no issuer (答复单位)");
		});
		assertThat(told).filteredOn(outcome -> outcome.get("result").asText().equals("REPLIES"))
			.hasSize(2)
			.allSatisfy(outcome -> assertThat(outcome.get("replyIds")).hasSize(1));
		assertThat(deadLetters).singleElement()
			.satisfies(deadLetter -> assertThat(deadLetter.key()).isEqualTo("http://demo.test/bad.html"));
	}

	private static CrawledPage corpusPage(JsonNode expected, String crawlId) {
		String path = expected.get("urls").get(0).asText();
		return new CrawledPage("http://demo.test" + path, "demo", Instant.now(), 200, "text/html",
				TestCorpus.PUBLIC.page(path), List.of(), List.of(), crawlId);
	}

	/** The first {@code count} records of {@code topic}, waiting for them. */
	private static List<ConsumerRecord<String, byte[]>> readUntil(String topic, int count) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = Topics.consumer(topic, new ByteArrayDeserializer())) {
			await().atMost(TIMEOUT).until(() -> {
				records.addAll(Topics.poll(consumer));
				return records.size() >= count;
			});
		}
		return records;
	}

}
