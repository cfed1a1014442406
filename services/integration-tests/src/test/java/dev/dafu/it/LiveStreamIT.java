package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.IndexerApplication;
import dev.dafu.indexer.ReplyChange;
import dev.dafu.indexer.ReplyEvents;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.search.PublishedReplies;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;
import dev.dafu.text.ChineseSegmenter;

/**
 * {@code GET /api/replies/stream} against a real broker, with an indexer of its own
 * announcing on the stream's topic (made with two partitions, which the indexer grows to
 * its three: the stream hears the new one too): a client connected before a reply is
 * indexed and announced receives it, filtered like a search, with heartbeats while
 * nothing happens, and resumes after its last event on reconnecting.
 */
@ExtendWith(RealServers.class)
class LiveStreamIT {

	private static final String TOPIC = "it-live-stream";

	/**
	 * What the test's own indexer consumes: enriched replies, as the enricher sends them.
	 */
	private static final String ENRICHED = "it-live-stream.replies.enriched";

	private static final String RESUMING = "上海市民政局（续传）";

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	static Services services;

	static JsonMapper json;

	static int port;

	static KafkaProducer<String, byte[]> producer;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(ENRICHED, 1, (short) 1)))
				.all()
				.get();
		}
		services = new Services("replies-live-stream-it");
		ConfigurableApplicationContext app = services.start(SearchApplication.application(),
				"--dafu.search.events-topic=" + TOPIC, "--dafu.search.stream-heartbeat=1s");
		services.start(IndexerApplication.application(),
				"--spring.cloud.stream.bindings.indexReply-in-0.destination=" + ENRICHED,
				"--dafu.indexer.events-topic=" + TOPIC);
		json = app.getBean(JsonMapper.class);
		PublishedReplies published = app.getBean(PublishedReplies.class);
		await().atMost(Duration.ofSeconds(30)).until(published::hearing);
		port = Services.port(app);
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
	void aClientHearsARepliesAnnouncedAfterItConnectedThatItsFiltersLetThrough() throws Exception {
		Reply suggestion = reply("101", Submission.Kind.SUGGESTION);
		Reply proposal = reply("102", Submission.Kind.PROPOSAL);
		try (Events events = open("?kind=proposal&q=" + URLEncoder.encode("养老", StandardCharsets.UTF_8), null)) {
			announce(suggestion, ReplyEvents.CREATED);
			announce(proposal, ReplyEvents.UPDATED);

			Event heard = events.nextEvent();
			assertThat(heard.name()).isEqualTo(ReplyEvents.UPDATED);
			assertThat(heard.data()).contains(proposal.id()).doesNotContain(suggestion.id());
			assertThat(heard.id()).matches("\\d+:\\d+(\\.\\d+:\\d+)*");
		}
	}

	@Test
	void aReplyTheIndexerIndexesAfterTheClientConnectedReachesItAsCreated() throws Exception {
		Reply reply = reply("301", Submission.Kind.SUGGESTION, "上海市民政局（实时）");
		try (Events events = open("?issuer=" + URLEncoder.encode(reply.issuer(), StandardCharsets.UTF_8), null)) {
			producer.send(new ProducerRecord<>(ENRICHED, reply.id(), json.writeValueAsBytes(ENRICHER.enrich(reply))))
				.get();

			Event heard = events.nextEvent();
			assertThat(heard.name()).isEqualTo(ReplyEvents.CREATED);
			assertThat(json.readTree(heard.data()).get("id").asString()).isEqualTo(reply.id());
		}
	}

	@Test
	void anEventThatCarriesNoReplyIsSentNowhereAndTheStreamGoesOn() throws Exception {
		Reply after = reply("401", Submission.Kind.PROPOSAL, "上海市民政局（坏事件之后）");
		try (Events events = open("?issuer=" + URLEncoder.encode(after.issuer(), StandardCharsets.UTF_8), null)) {
			producer.send(new ProducerRecord<>(TOPIC, "broken", "{not json".getBytes(StandardCharsets.UTF_8))).get();
			announce(after, ReplyEvents.CREATED);

			Event heard = events.nextEvent();
			assertThat(heard.data()).contains(after.id()).doesNotContain("not json");
		}
	}

	@Test
	void aStreamSaysItIsOpenAtOnceAndSendsHeartbeatsWhileQuiet() throws Exception {
		try (Events events = open("?site=nowhere", null)) {
			assertThat(events.next(Duration.ofSeconds(5))).isEqualTo(":open");
			String line;
			do {
				line = events.next(Duration.ofSeconds(5));
			}
			while (line.isEmpty());
			assertThat(line).isEqualTo(":heartbeat");
		}
	}

	@Test
	void aClientThatReconnectsWithItsLastEventIdGetsWhatItMissedAndNotWhatItHad() throws Exception {
		Reply first = reply("201", Submission.Kind.PROPOSAL, RESUMING);
		Reply missed = reply("202", Submission.Kind.PROPOSAL, RESUMING);
		Event had;
		try (Events events = open("?issuer=" + URLEncoder.encode(RESUMING, StandardCharsets.UTF_8), null)) {
			announce(first, ReplyEvents.CREATED);
			had = events.nextEvent();
			assertThat(had.data()).contains(first.id());
		}
		announce(missed, ReplyEvents.CREATED);

		try (Events events = open("?issuer=" + URLEncoder.encode(RESUMING, StandardCharsets.UTF_8), had.id())) {
			Event next = events.nextEvent();
			assertThat(next.data()).contains(missed.id());
		}
	}

	@Test
	void aLastEventIdTheStreamNeverSentIsABadRequest() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/replies/stream"))
				.header("Last-Event-ID", "not-an-id")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Last-Event-ID");
	}

	private static Reply reply(String number, Submission.Kind kind) {
		return reply(number, kind, "上海市民政局");
	}

	private static Reply reply(String number, Submission.Kind kind, String issuer) {
		return SearchApiIT.reply(issuer, "沪民建复〔2024〕" + number + "号", "关于第" + number + "号建议的答复",
				LocalDate.of(2024, 6, 1), new Submission(kind, number, "市十六届人大二次会议", null, List.of("张三")), "A",
				"推进社区嵌入式养老服务设施建设。");
	}

	private static void announce(Reply reply, String type) throws Exception {
		ReplyChange.Kind kind = ReplyEvents.CREATED.equals(type) ? ReplyChange.Kind.CREATED : ReplyChange.Kind.UPDATED;
		producer
			.send(ReplyEvents.of(new ReplyChange(reply, kind, "0".repeat(64), json.writeValueAsBytes(reply)), TOPIC))
			.get();
	}

	private Events open(String query, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/replies/stream" + query));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
		return new Events(response.body());
	}

	/** One server-sent event. */
	record Event(String id, String name, String data) {
	}

	/** The lines of an open stream, read on a thread of their own. */
	static final class Events implements AutoCloseable {

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final Stream<String> body;

		Events(Stream<String> body) {
			this.body = body;
			Thread reader = new Thread(() -> {
				try {
					body.forEach(this.lines::add);
				}
				catch (RuntimeException ex) {
					// closed
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		String next(Duration wait) throws InterruptedException {
			String line = this.lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			if (line == null) {
				throw new AssertionError("nothing on the stream within " + wait);
			}
			return line;
		}

		/** The next event, skipping heartbeats. */
		Event nextEvent() throws InterruptedException {
			List<String> fields = new ArrayList<>();
			long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < until) {
				String line = next(Duration.ofSeconds(30));
				if (line.isEmpty()) {
					if (fields.stream().anyMatch(field -> field.startsWith("data:"))) {
						return new Event(field(fields, "id:"), field(fields, "event:"), field(fields, "data:"));
					}
					fields.clear();
				}
				else if (!line.startsWith(":")) {
					fields.add(line);
				}
			}
			throw new AssertionError("no event within 30 s");
		}

		private static String field(List<String> fields, String name) {
			return fields.stream()
				.filter(field -> field.startsWith(name))
				.map(field -> field.substring(name.length()))
				.findFirst()
				.orElse(null);
		}

		@Override
		public void close() {
			this.body.close();
		}

	}

}
