package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.crawler.CrawlerApplication;
import dev.dafu.enricher.EnricherApplication;
import dev.dafu.indexer.IndexerApplication;
import dev.dafu.parser.ParserApplication;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;

/**
 * The topics' part of the bad-input catalogue (see {@code docs/reliability.md}): records
 * no stage can use, written straight onto each stage's input topic. The services run on
 * topics of their own here ({@code it-…}, otherwise configured as the real ones), so no
 * other test reads these records. Each must land on that stage's dead-letter topic whole,
 * with a reason a person can read; a good page written after all of them must still
 * become searchable, and every service must stay healthy.
 */
@ExtendWith(RealServers.class)
class BadRecordsIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** Before every topic name the services use here. */
	private static final String PREFIX = "it-bad-" + RUN + ".";

	private static final String GOOD_NUMBER = "署建复〔2099〕" + (100 + new Random().nextInt(800)) + "号";

	private static final List<String> DEAD_LETTER_TOPICS = List.of("crawl.pages.dlq", "replies.parsed.dlq",
			"replies.enriched.dlq", "pages.gone.dlq", "crawl.pages.outcomes.dlq");

	/** Dead letters seen, by key. */
	private static final Map<String, ConsumerRecord<String, byte[]>> deadLetters = new ConcurrentHashMap<>();

	static Services services;

	static SearchClient search;

	static Thread reader;

	static volatile boolean reading = true;

	/**
	 * A record no stage can use.
	 *
	 * @param name what is wrong with it
	 * @param topic the input topic it is written to
	 * @param value its bytes
	 * @param reason what its dead letter's reason must say
	 */
	record BadRecord(String name, String topic, byte[] value, String reason) {

		String key() {
			return "bad-" + this.topic + "-" + this.name.replaceAll("[^a-z0-9]+", "-") + "-" + RUN;
		}

		String deadLetterTopic() {
			return PREFIX + this.topic + ".dlq";
		}

		@Override
		public String toString() {
			return this.topic + ": " + this.name;
		}

	}

	static Stream<BadRecord> badRecords() {
		return Stream.of(
				// crawl.pages → the parser
				text("crawl.pages", "not JSON at all", "<html>一个网页</html>", "Unexpected character"),
				text("crawl.pages", "JSON cut off in the middle", "{\"url\":\"http://x.gov.cn/a.html\",\"site\":",
						"end-of-input"),
				text("crawl.pages", "a JSON array, not an object", "[1,2,3]", "from Array value"),
				text("crawl.pages", "a JSON string, not an object", "\"a page\"", "from String value"),
				page("a page without its content", page -> page.remove("content"), "no content"),
				page("a page without its URL", page -> page.remove("url"), "a crawled page with no url"),
				new BadRecord("an empty record", "crawl.pages", new byte[0], "the record is empty"),
				text("crawl.pages", "JSON null", "null", "JSON null"),
				page("content that is not base64", page -> page.put("content", "%%% not base64 %%%"), "base64"),
				page("a status that is not a number", page -> page.put("status", "fine"), "status"),
				page("a fetch time that is not a time", page -> page.put("fetchedAt", "yesterday"), "fetchedAt"),
				page("a page larger than the parser takes (12 MB)",
						page -> page.put("content", Base64.getEncoder().encodeToString(html(12_000_000))),
						"over the limit of 10485760"),
				page("a Word file of 2 MB of noise",
						page -> page.put("url", "http://bad.example.gov.cn/noise.doc")
							.put("contentType", "application/msword")
							.put("content", Base64.getEncoder().encodeToString(noise(2_000_000))),
						"Word 97–2003 (DOC) cannot be read"),
				page("a reply page without its issuer",
						page -> page.put("content",
								Base64.getEncoder()
									.encodeToString(replyPage("", "署建复〔2099〕1号").getBytes(StandardCharsets.UTF_8))),
						"no issuer"),
				text("crawl.pages", "JSON nested 5 000 levels deep", "[".repeat(5000) + "]".repeat(5000),
						"Array value"),
				new BadRecord("bytes that are not UTF-8", "crawl.pages",
						new byte[] { '{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}' }, "UTF-8"),
				// replies.parsed → the enricher
				text("replies.parsed", "not JSON at all", "答复", "the record is not a reply"),
				text("replies.parsed", "a reply without an id", "{\"title\":\"答复\",\"body\":\"正文\"}",
						"a reply with no id"),
				text("replies.parsed", "a reply whose URLs are a number", "{\"id\":\"x\",\"urls\":5}", "urls"),
				text("replies.parsed", "a reply date that is no date", "{\"id\":\"x\",\"replyDate\":\"2024-13-45\"}",
						"replyDate"),
				// replies.enriched → the indexer
				text("replies.enriched", "not JSON at all", "{{{", "Unexpected character"),
				text("replies.enriched", "an enriched reply without its reply", "{\"words\":null}",
						"an enriched reply with no reply"),
				text("replies.enriched", "an enriched reply whose reply has no id", "{\"reply\":{\"title\":\"答复\"}}",
						"no id"),
				new BadRecord("a tombstone, with no value", "replies.enriched", null, "the record is empty"),
				text("replies.enriched", "a reply Elasticsearch refuses (a URL of 40 000 characters)",
						"{\"reply\":{\"id\":\"refused-" + RUN + "\",\"title\":\"答复\",\"urls\":[\"http://x.gov.cn/"
								+ "a".repeat(40_000) + "\"]}}",
						"Elasticsearch refused the reply"),
				// pages.gone → the indexer
				text("pages.gone", "not JSON at all", "gone", "Unrecognized token"),
				text("pages.gone", "a gone page without its URL", "{\"site\":\"x\",\"status\":404}",
						"a gone page with no url"),
				// crawl.pages.outcomes → the crawler
				text("crawl.pages.outcomes", "not JSON at all", "outcome", "Unrecognized token"),
				text("crawl.pages.outcomes", "an outcome nobody knows",
						"{\"url\":\"http://x.gov.cn/a.html\",\"crawlId\":\"c\",\"result\":\"EXPLODED\"}", "EXPLODED"));
	}

	@BeforeAll
	static void writeBadRecordsThenAGoodPage() throws Exception {
		services = new Services("replies-bad-records-it");
		List<String> indexer = new ArrayList<>(
				List.of(topics(Map.of("indexReply-in-0", "replies.enriched", "markGone-in-0", "pages.gone"))));
		indexer.add("--dafu.indexer.events-topic=" + PREFIX + "replies.published");
		services.start(IndexerApplication.application(), indexer.toArray(String[]::new));
		search = new SearchClient(Services.port(services.start(SearchApplication.application())));
		List<String> enricher = new ArrayList<>(List.of(topics(Map.of("enrichReply-in-0", "replies.parsed"))));
		enricher.add("--dafu.enricher.output-topic=" + PREFIX + "replies.enriched");
		services.start(EnricherApplication.application(), enricher.toArray(String[]::new));
		List<String> parser = new ArrayList<>(List.of(topics(Map.of("parseReply-in-0", "crawl.pages"))));
		parser.add("--dafu.parser.replies-topic=" + PREFIX + "replies.parsed");
		parser.add("--dafu.parser.outcomes-topic=" + PREFIX + "crawl.pages.outcomes");
		services.start(ParserApplication.application(), parser.toArray(String[]::new));
		List<String> crawler = new ArrayList<>(List.of(topics(Map.of("recordPageOutcome-in-0", "crawl.pages.outcomes",
				"crawledPages-out-0", "crawl.pages", "gonePages-out-0", "pages.gone"))));
		crawler.add("--DAFU_OPERATOR_PASSWORD=bad-records-secret");
		services.start(CrawlerApplication.application(), crawler.toArray(String[]::new));
		reader = new Thread(BadRecordsIT::readDeadLetters, "dead-letter-reader");
		reader.start();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
				new StringSerializer(), new ByteArraySerializer())) {
			for (BadRecord bad : badRecords().toList()) {
				producer.send(new ProducerRecord<>(PREFIX + bad.topic(), bad.key(), bad.value())).get();
			}
			ObjectNode good = crawledPage("http://good.example.gov.cn/" + RUN + ".html");
			good.put("content", Base64.getEncoder()
				.encodeToString(replyPage("海关总署", GOOD_NUMBER).getBytes(StandardCharsets.UTF_8)));
			producer.send(new ProducerRecord<>(PREFIX + "crawl.pages", "good-" + RUN, JSON.writeValueAsBytes(good)))
				.get();
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		reading = false;
		if (reader != null) {
			reader.join();
		}
		if (services != null) {
			services.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRecords")
	void isDeadLetteredWholeWithAReasonAPersonCanRead(BadRecord bad) {
		await().atMost(TIMEOUT).until(() -> deadLetters.containsKey(bad.key()));
		ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(bad.key());
		assertThat(deadLetter.topic()).isEqualTo(bad.deadLetterTopic());
		assertThat(deadLetter.value()).isEqualTo(bad.value());
		assertThat(header(deadLetter, "x-original-topic")).isEqualTo(PREFIX + bad.topic());
		String reason = header(deadLetter, "x-exception-message");
		assertThat(reason).containsIgnoringCase(bad.reason())
			.doesNotContain("Listener failed", "error occurred in message handler", "nested exception",
					"org.springframework", "Exception thrown while invoking");
	}

	@Test
	void aGoodPageAfterThemAllIsSearchableAndEveryServiceIsHealthy() throws Exception {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(search.search(GOOD_NUMBER, 1, 10).get("total").asInt()).isEqualTo(1));
		HttpClient http = HttpClient.newHttpClient();
		for (ConfigurableApplicationContext service : services.running()) {
			HttpResponse<String> health = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + Services.port(service) + "/actuator/health"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(health.body()).contains("\"UP\"");
		}
	}

	private static void readDeadLetters() {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-bad-records-" + RUN,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(DEAD_LETTER_TOPICS.stream().map(topic -> PREFIX + topic).toList());
			while (reading) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() != null && record.key().endsWith(RUN)) {
						deadLetters.put(record.key(), record);
					}
				}
			}
		}
	}

	/**
	 * The arguments that move each binding to its topic under {@link #PREFIX}, and a
	 * consuming binding's dead letters to that topic's {@code .dlq}.
	 */
	private static String[] topics(Map<String, String> topicByBinding) {
		List<String> args = new ArrayList<>();
		topicByBinding.forEach((binding, topic) -> {
			args.add("--spring.cloud.stream.bindings." + binding + ".destination=" + PREFIX + topic);
			if (binding.endsWith("-in-0")) {
				args.add("--spring.cloud.stream.kafka.bindings." + binding + ".consumer.dlq-name=" + PREFIX + topic
						+ ".dlq");
			}
		});
		return args.toArray(String[]::new);
	}

	private static BadRecord text(String topic, String name, String value, String reason) {
		return new BadRecord(name, topic, value.getBytes(StandardCharsets.UTF_8), reason);
	}

	private static BadRecord page(String name, java.util.function.Consumer<ObjectNode> spoil, String reason) {
		ObjectNode page = crawledPage("http://bad.example.gov.cn/" + name.replaceAll("[^a-z0-9]+", "-") + ".html");
		page.put("content", Base64.getEncoder().encodeToString("<html><body>答复</body></html>".getBytes()));
		spoil.accept(page);
		try {
			return new BadRecord(name, "crawl.pages", JSON.writeValueAsBytes(page), reason);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ObjectNode crawledPage(String url) {
		return JSON.createObjectNode()
			.put("url", url)
			.put("site", "bad-records")
			.put("fetchedAt", "2024-07-02T00:00:00Z")
			.put("status", 200)
			.put("contentType", "text/html; charset=utf-8");
	}

	private static String replyPage(String issuer, String documentNumber) {
		return "<html><body><div><p>办理结果：A</p><p>" + issuer + "</p><p>" + documentNumber
				+ "</p><p>对十四届全国人大二次会议第5001号建议的答复</p><p>张三代表：</p><p>您提出的建议收悉。</p><p>" + issuer
				+ "</p><p>2024年7月1日</p></div></body></html>";
	}

	private static byte[] html(int size) {
		byte[] page = new byte[size];
		Arrays.fill(page, (byte) 'x');
		return page;
	}

	private static byte[] noise(int size) {
		byte[] bytes = new byte[size];
		new Random(7).nextBytes(bytes);
		return bytes;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
