package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dafu.enricher.EnricherApplication;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.reply.SegmentedText;
import dev.dafu.testsupport.RealServers;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The enricher's re-enrichment command on a topic of its own: replies enriched by no or
 * another version are sent again enriched by the running one; those of its version are
 * left alone.
 */
@ExtendWith(RealServers.class)
class ReenrichmentIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "it-reenrich-" + RUN + ".replies.enriched";

	private static final String PASSWORD = "reenrich-secret";

	private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static Services services;

	static URI api;

	@BeforeAll
	static void start() {
		services = new Services("replies-reenrich-" + RUN);
		ConfigurableApplicationContext enricher = services.start(EnricherApplication.application(),
				"--DAFU_OPERATOR_PASSWORD=" + PASSWORD, "--dafu.enricher.output-topic=" + TOPIC,
				"--spring.cloud.stream.bindings.enrichReply-in-0.destination=it-reenrich-" + RUN + ".replies.parsed",
				"--spring.cloud.stream.kafka.bindings.enrichReply-in-0.consumer.dlq-name=it-reenrich-" + RUN
						+ ".replies.parsed.dlq");
		api = URI.create("http://127.0.0.1:" + Services.port(enricher) + "/api/reenrichment");
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void repliesOfAnotherVersionAreEnrichedAgainAndThoseOfThisVersionLeftAlone() throws Exception {
		ReplyEnricher current = new ReplyEnricher(new ChineseSegmenter());
		Reply old = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕801号", "关于第801号建议的答复", LocalDate.of(2024, 6, 1),
				"全市财政科技支出528.1亿元，张江实验室高质量运行。");
		Reply fresh = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕802号", "关于第802号建议的答复", LocalDate.of(2024, 6, 2),
				"感谢您对本市科技工作的关心和支持。");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(TOPIC, old.id(),
						JSON.writeValueAsBytes(new EnrichedReply(old, new SegmentedText("旧", null, "旧")))))
				.get();
			producer.send(new ProducerRecord<>(TOPIC, fresh.id(), JSON.writeValueAsBytes(current.enrich(fresh)))).get();
			producer.send(new ProducerRecord<>(TOPIC, "junk", "not json".getBytes())).get();
		}

		assertThat(call("GET").statusCode()).as("none started yet").isEqualTo(404);
		assertThat(call("POST").statusCode()).isEqualTo(202);
		JsonNode done = await().atMost(Duration.ofSeconds(60))
			.until(() -> SearchClient.json(call("GET"), 200), p -> !p.get("state").asText().equals("RUNNING"));

		assertThat(done.get("state").asText()).isEqualTo("DONE");
		assertThat(done.get("version").asText()).isEqualTo(current.version());
		assertThat(done.get("read").asLong()).isEqualTo(3);
		assertThat(done.get("unreadable").asLong()).isEqualTo(1);
		assertThat(done.get("stale").asLong()).isEqualTo(1);
		assertThat(done.get("reenriched").asLong()).isEqualTo(1);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = Topics.consumer(TOPIC, new StringDeserializer())) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				records.addAll(Topics.poll(consumer));
				assertThat(records).hasSize(4);
			});
		}
		List<JsonNode> ofOld = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			if (record.key().equals(old.id())) {
				ofOld.add(JSON.readTree(record.value()));
			}
		}
		assertThat(ofOld).as("the old record and its re-enrichment, in order").hasSize(2);
		assertThat(ofOld.get(0).at("/reply/enrichment").isMissingNode()).isTrue();
		JsonNode again = ofOld.get(1);
		assertThat(again.at("/reply/enrichment/version").asText()).isEqualTo(current.version());
		assertThat(again.at("/reply/enrichment/amounts/0/yuan").asLong()).isEqualTo(52_810_000_000L);
		assertThat(again.at("/words/body").asText()).contains("张江实验室");

		assertThat(call("POST").statusCode()).as("a second run finds nothing to do").isEqualTo(202);
		JsonNode second = await().atMost(Duration.ofSeconds(60))
			.until(() -> SearchClient.json(call("GET"), 200), p -> !p.get("state").asText().equals("RUNNING"));
		assertThat(second.get("read").asLong()).isEqualTo(4);
		assertThat(second.get("stale").asLong()).as("the old record's reply has a newer one").isZero();
		assertThat(second.get("reenriched").asLong()).isZero();
	}

	@Test
	void theCommandIsTheOperators() throws Exception {
		HttpResponse<String> anonymous = HTTP.send(
				HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private static HttpResponse<String> call(String method) throws Exception {
		return Services.operatorCall(method, api, PASSWORD);
	}

}
