package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.IndexerApplication;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;
import dev.dafu.text.ChineseSegmenter;

/**
 * The rebuild command of the indexer's operator API, on a topic and an index of its own:
 * a new index built from {@code replies.enriched} under a stream of new replies, the
 * alias moved once it caught up, gone marks kept, and the search API answering
 * throughout.
 */
@ExtendWith(RealServers.class)
class IndexRebuildIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String PREFIX = "it-rebuild-" + RUN + ".";

	private static final String ALIAS = "replies-rebuild-" + RUN;

	private static final String PASSWORD = "rebuild-secret";

	private static final int BEFORE = 2000;

	private static final int DURING = 600;

	private static final int GONE = 10;

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static Services services;

	static SearchClient search;

	static URI indexApi;

	static KafkaProducer<String, byte[]> producer;

	static ConfigurableApplicationContext indexer;

	@BeforeAll
	static void start() {
		services = new Services(ALIAS);
		indexer = services.start(IndexerApplication.application(), "--DAFU_OPERATOR_PASSWORD=" + PASSWORD,
				"--spring.cloud.stream.bindings.indexReply-in-0.destination=" + PREFIX + "replies.enriched",
				"--spring.cloud.stream.kafka.bindings.indexReply-in-0.consumer.dlq-name=" + PREFIX
						+ "replies.enriched.dlq",
				"--spring.cloud.stream.bindings.markGone-in-0.destination=" + PREFIX + "pages.gone",
				"--spring.cloud.stream.kafka.bindings.markGone-in-0.consumer.dlq-name=" + PREFIX + "pages.gone.dlq",
				"--dafu.indexer.events-topic=" + PREFIX + "replies.published");
		indexApi = URI.create("http://127.0.0.1:" + Services.port(indexer) + "/api/index");
		search = new SearchClient(Services.port(services.start(SearchApplication.application())));
		producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer());
	}

	@AfterAll
	static void stop() {
		if (producer != null) {
			producer.close();
		}
		if (services != null) {
			services.close();
		}
	}

	@Test
	void aRebuildUnderLiveTrafficEndsWithEveryReplyItsGoneMarksAndTheAliasMovedSearchAnsweringThroughout()
			throws Exception {
		for (int i = 0; i < BEFORE; i++) {
			send(reply(i));
		}
		await().atMost(TIMEOUT).until(() -> total() == BEFORE);
		List<Reply> gone = new ArrayList<>();
		for (int i = 0; i < GONE; i++) {
			Reply reply = reply(i * 7);
			gone.add(reply);
			producer.send(new ProducerRecord<>(PREFIX + "pages.gone", reply.urls().get(0), JSON.writeValueAsBytes(
					new PageGone(reply.urls().get(0), "test", 404, Instant.parse("2026-12-01T00:00:00Z")))));
		}
		await().atMost(TIMEOUT).until(() -> gone.stream().allMatch(IndexRebuildIT::withdrawn));

		List<String> searchFailures = new CopyOnWriteArrayList<>();
		AtomicBoolean live = new AtomicBoolean(true);
		Thread searching = new Thread(() -> {
			while (live.get()) {
				HttpResponse<String> answer = search.get("/api/replies?q=" + "答复" + "&size=1");
				if (answer.statusCode() != 200) {
					searchFailures.add(answer.statusCode() + " " + answer.body());
				}
				sleep(50);
			}
		});
		searching.start();
		Thread sending = new Thread(() -> {
			for (int i = BEFORE; i < BEFORE + DURING; i++) {
				send(reply(i));
				sleep(5);
			}
		});
		try {
			HttpResponse<String> started = call("POST", "/rebuild");
			sending.start();
			HttpResponse<String> again = call("POST", "/rebuild");

			assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
			assertThat(again.statusCode()).as("one rebuild at a time").isEqualTo(409);
			await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
				String state = SearchClient.json(call("GET", "/rebuild"), 200).get("state").asText();
				assertThat(state).isNotEqualTo("FAILED");
				return state.equals("DONE");
			});
			sending.join();
			await().atMost(TIMEOUT).until(() -> total() == BEFORE + DURING);
		}
		finally {
			live.set(false);
			searching.join();
		}

		JsonNode progress = SearchClient.json(call("GET", "/rebuild"), 200);
		JsonNode status = SearchClient.json(call("GET", ""), 200);
		assertThat(progress.get("index").asText()).isEqualTo(ALIAS + "-2");
		assertThat(progress.get("previousIndex").asText()).isEqualTo(ALIAS + "-1");
		assertThat(progress.get("records").asLong()).isGreaterThanOrEqualTo(BEFORE);
		assertThat(progress.get("remaining").asLong()).isZero();
		assertThat(progress.get("goneMarks").asLong()).isEqualTo(GONE);
		assertThat(status.get("index").asText()).isEqualTo(ALIAS + "-2");
		assertThat(status.get("indices")).extracting(index -> index.get("name").asText())
			.containsExactly(ALIAS + "-1", ALIAS + "-2");
		assertThat(status.get("indices").get(1).get("documents").asLong()).isEqualTo(BEFORE + DURING);
		assertThat(gone).allMatch(IndexRebuildIT::withdrawn);
		assertThat(searchFailures).isEmpty();

		assertThat(call("DELETE", "/indices/" + ALIAS + "-2").statusCode()).as("the alias points at it").isEqualTo(409);
		assertThat(call("DELETE", "/indices/" + ALIAS + "-1").statusCode()).isEqualTo(204);
		assertThat(call("DELETE", "/indices/" + ALIAS + "-1").statusCode()).isEqualTo(404);
		assertThat(total()).isEqualTo(BEFORE + DURING);

		// Replies the index has and the topic lacks: a rebuild would lose them.
		ReplyIndexer direct = new ReplyIndexer(indexer.getBean(ElasticsearchClient.class),
				indexer.getBean(ReplyIndex.class), new SimpleMeterRegistry());
		direct.index(IntStream.range(0, 1500)
			.mapToObj(i -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply(100_000 + i)), null))
			.toList());
		assertThat(call("POST", "/rebuild").statusCode()).isEqualTo(202);
		JsonNode refused = await().atMost(TIMEOUT)
			.until(() -> SearchClient.json(call("GET", "/rebuild"), 200), p -> p.get("finishedAt").isTextual());
		assertThat(refused.get("state").asText()).isEqualTo("FAILED");
		assertThat(refused.get("message").asText()).contains("the topic lacks replies").contains("the alias stays");
		assertThat(SearchClient.json(call("GET", ""), 200).get("index").asText()).isEqualTo(ALIAS + "-2");
		assertThat(call("POST", "/rebuild?force=true").statusCode()).isEqualTo(202);
		await().atMost(TIMEOUT)
			.until(() -> SearchClient.json(call("GET", "/rebuild"), 200).get("state").asText().equals("DONE"));
		assertThat(SearchClient.json(call("GET", ""), 200).get("index").asText()).isEqualTo(ALIAS + "-4");
	}

	@Test
	void theIndexApiNeedsTheOperator() throws Exception {
		HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(indexApi + "/rebuild"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private static Reply reply(int i) {
		return SearchApiIT
			.reply("重建测试局", "重建复〔2024〕" + i + "号", "关于第" + i + "号建议的答复", LocalDate.of(2024, 1, 1).plusDays(i % 300),
					"第" + i + "号答复正文。")
			.withFetchedAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i));
	}

	private static void send(Reply reply) {
		try {
			producer.send(new ProducerRecord<>(PREFIX + "replies.enriched", reply.id(),
					JSON.writeValueAsBytes(ENRICHER.enrich(reply))));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long total() {
		return search.search("重建测试局", 1, 1).get("total").asLong();
	}

	private static boolean withdrawn(Reply reply) {
		JsonNode indexed = SearchClient.json(search.get("/api/replies/" + reply.id()), 200);
		return !indexed.path("withdrawnAt").isNull() && !indexed.path("withdrawnAt").isMissingNode();
	}

	private static HttpResponse<String> call(String method, String path) throws Exception {
		return Services.operatorCall(method, URI.create(indexApi + path), PASSWORD);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
