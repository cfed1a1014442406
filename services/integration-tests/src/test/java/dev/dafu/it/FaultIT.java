package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dafu.local.Folders;
import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;
import dev.dafu.local.Readiness;
import dev.dafu.local.ServerProcess;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.testsupport.RealServers;

/**
 * The fault tests of {@code docs/reliability.md}. New replies flow as pages onto
 * {@code crawl.pages}, a few a second, through parser, enricher and indexer, each a
 * process of its own (the runnable jars the build made). In the first, each of them in
 * turn is killed (SIGKILL) and started again, the Kafka broker is restarted, and
 * Elasticsearch is stopped for 30 s. In the second, a second instance of each consuming
 * service joins, then the first instance of each is killed and not started again. Either
 * way, every reply of the stream is searchable exactly once, nothing is dead-lettered,
 * every service is healthy, and every reply was announced as created on
 * {@code replies.published} exactly once after de-duplication by {@code ce_id}. Each test
 * streams pages of a site of its own and checks only its own replies, so neither depends
 * on the other having run.
 * <p>
 * It stops and starts servers, so it runs on a broker and an Elasticsearch of its own,
 * the same local processes {@code deploy/local} runs, never on those the other tests
 * share.
 */
class FaultIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Pages written per second while the faults happen. */
	private static final int PAGES_PER_SECOND = 8;

	/** The stream's bound, whatever happens. */
	private static final int MAX_PAGES = 4000;

	private static final Duration ELASTICSEARCH_DOWN = Duration.ofSeconds(30);

	/** The services that consume a topic in a group, which instances share. */
	private static final List<String> CONSUMING = List.of("parser", "enricher", "indexer");

	private static final Duration RECOVERY = Duration.ofMinutes(4);

	private static final String ISSUER = "海关总署";

	private static final List<String> DEAD_LETTER_TOPICS = List.of("crawl.pages.dlq", "replies.parsed.dlq",
			"replies.enriched.dlq", "pages.gone.dlq");

	private static final Path WORK = Path.of("target", "fault-it").toAbsolutePath();

	private static final Path LOCAL_TARGET = Path
		.of(System.getProperty(RealServers.LOCAL_TARGET, "../../deploy/local/target"))
		.toAbsolutePath();

	private static final Path SERVICES = Path.of(System.getProperty("dafu.services.dir", "..")).toAbsolutePath();

	static int kafkaPort;

	static int kafkaControllerPort;

	static int elasticsearchPort;

	static int elasticsearchTransportPort;

	static LocalKafka kafka;

	static LocalElasticsearch elasticsearch;

	static final Map<String, Service> services = new LinkedHashMap<>();

	/** Reply id → the ids of the events that announced it, by type. */
	static final Map<String, Map<String, Set<String>>> events = new ConcurrentHashMap<>();

	static final AtomicInteger eventRecords = new AtomicInteger();

	static volatile boolean running = true;

	static Thread eventReader;

	static final List<String> faults = new ArrayList<>();

	@BeforeAll
	static void startServersAndServices() throws Exception {
		Folders.deleteTree(WORK);
		kafkaPort = Ports.free();
		kafkaControllerPort = Ports.free();
		elasticsearchPort = Ports.free();
		elasticsearchTransportPort = Ports.free();
		kafka = startKafka(false);
		elasticsearch = startElasticsearch();
		for (String name : List.of("indexer", "search", "enricher", "parser")) {
			services.put(name, new Service(name, Ports.free()));
		}
		for (Service service : services.values()) {
			service.start();
		}
		for (Service service : services.values()) {
			service.awaitHealthy();
		}
		eventReader = new Thread(FaultIT::readEvents, "fault-it-events");
		eventReader.start();
	}

	@AfterAll
	static void stopAll() throws InterruptedException {
		running = false;
		if (eventReader != null) {
			eventReader.join();
		}
		services.values().forEach(Service::close);
		if (kafka != null) {
			kafka.close();
		}
		if (elasticsearch != null) {
			elasticsearch.close();
		}
		System.out.println("Faults injected, in order: " + String.join("; ", faults));
	}

	@Test
	void everyReplyIsSearchableOnceAndAnnouncedOnceThroughKillsRestartsAndAnOutage() throws Exception {
		PageStream stream = new PageStream("fault", 2099);
		try (stream) {
			stream.awaitProgress("the stream's start");
			for (String name : CONSUMING) {
				Service service = services.get(name);
				service.kill();
				fault("killed the " + name + " (SIGKILL) with " + stream.searchable() + " replies searchable");
				service.start();
				service.awaitHealthy();
				stream.awaitProgress("the " + name + "'s restart");
			}

			kafka.close();
			fault("stopped the Kafka broker");
			kafka = startKafka(true);
			fault("started the Kafka broker again");
			stream.awaitProgress("the broker's restart");

			elasticsearch.close();
			fault("stopped Elasticsearch for " + ELASTICSEARCH_DOWN.toSeconds() + " s");
			await().pollDelay(ELASTICSEARCH_DOWN).atMost(ELASTICSEARCH_DOWN.plusSeconds(1)).until(() -> true);
			elasticsearch = startElasticsearch();
			fault("started Elasticsearch again");
			stream.awaitProgress("Elasticsearch's return");
		}
		assertEveryReplySearchableAndAnnouncedOnce(stream, services.values());
	}

	@Test
	void twoInstancesOfEachStageShareTheWorkAndTheSurvivorsTakeOverWhenOneOfEachIsKilled() throws Exception {
		List<Service> seconds = new ArrayList<>();
		PageStream stream = new PageStream("two", 2098);
		try {
			for (String name : CONSUMING) {
				seconds.add(new Service(name, Ports.free(), 2));
			}
			for (Service second : seconds) {
				second.start();
			}
			for (Service second : seconds) {
				second.awaitHealthy();
			}
			try (stream) {
				// Both instances of each stage are in its group.
				await("both instances in every group").atMost(RECOVERY)
					.pollInterval(Duration.ofSeconds(1))
					.untilAsserted(
							() -> CONSUMING.forEach(name -> assertThat(groupMembers("dafu-" + name)).as("dafu-" + name)
								.containsOnlyKeys(name + "@1", name + "@2")));
				stream.awaitProgress("the second instances' start");
				for (String name : CONSUMING) {
					services.get(name).kill();
					fault("killed the first " + name + " (SIGKILL), its second instance running, with "
							+ stream.searchable() + " replies searchable");
				}
				stream.awaitProgress("the first instances' death");
				// The survivor of each stage has every partition of what the stage reads.
				await("the survivors own every partition").atMost(RECOVERY)
					.pollInterval(Duration.ofSeconds(1))
					.untilAsserted(() -> {
						for (String name : CONSUMING) {
							Map<String, Set<TopicPartition>> members = groupMembers("dafu-" + name);
							assertThat(members).as("dafu-" + name).containsOnlyKeys(name + "@2");
							assertThat(members.get(name + "@2")).as("dafu-" + name)
								.containsExactlyInAnyOrderElementsOf(partitionsRead(name));
						}
					});
				stream.awaitProgress("the survivors' takeover");
			}
			List<Service> running = new ArrayList<>(seconds);
			running.add(services.get("search"));
			assertEveryReplySearchableAndAnnouncedOnce(stream, running);
		}
		finally {
			seconds.forEach(Service::close);
			// As the other test expects them: one instance of each, running.
			for (String name : CONSUMING) {
				Service first = services.get(name);
				if (!first.isAlive()) {
					first.start();
					first.awaitHealthy();
				}
			}
		}
	}

	private static void assertEveryReplySearchableAndAnnouncedOnce(PageStream stream, Collection<Service> running)
			throws Exception {
		List<String> expected = stream.sent();
		fault("stopped the stream of " + stream.site + " after " + expected.size() + " pages");

		await("every reply searchable").atMost(RECOVERY)
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> stream.searchable() >= expected.size());
		assertThat(stream.searchable()).as("replies searchable, each once").isEqualTo(expected.size());
		assertThat(indexedIds(stream.site)).as("the replies sent, each once")
			.containsExactlyInAnyOrderElementsOf(expected);

		await("every reply announced").atMost(RECOVERY)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(events.keySet()).containsAll(expected));
		for (String id : expected) {
			assertThat(events.get(id)).as("the events announcing " + id + ", by type and id")
				.containsOnlyKeys("reply.created.v1")
				.allSatisfy((type, ids) -> assertThat(ids).hasSize(1));
		}

		assertThat(deadLetters()).as("dead letters, by topic").allSatisfy((topic, count) -> assertThat(count).isZero());
		for (Service service : running) {
			assertThat(Readiness.httpOk(service.uri("/actuator/health"))).as(service.name + " is healthy").isTrue();
		}
		System.out.println("Fault test " + stream.site + ": " + expected.size() + " replies sent, "
				+ stream.searchable() + " searchable, " + expected.stream().filter(events::containsKey).count()
				+ " announced; all sites: " + eventRecords.get() + " event records (" + repeatedEvents()
				+ " repeats of an event id), dead letters " + deadLetters());
	}

	/**
	 * The instances in a consumer group (an instance may have several consumers in it),
	 * each with the partitions its consumers have.
	 */
	private static Map<String, Set<TopicPartition>> groupMembers(String group) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Map<String, Set<TopicPartition>> members = new HashMap<>();
			admin.describeConsumerGroups(List.of(group))
				.all()
				.get()
				.get(group)
				.members()
				.forEach(member -> members
					.computeIfAbsent(member.clientId().replaceAll("-\\d+$", ""), instance -> new HashSet<>())
					.addAll(member.assignment().topicPartitions()));
			return members;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every partition of the topics a stage reads. */
	private static Set<TopicPartition> partitionsRead(String stage) throws Exception {
		List<String> topics = switch (stage) {
			case "parser" -> List.of("crawl.pages");
			case "enricher" -> List.of("replies.parsed");
			case "indexer" -> List.of("replies.enriched", "pages.gone");
			default -> throw new IllegalArgumentException(stage);
		};
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Set<TopicPartition> partitions = new HashSet<>();
			admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.values()
				.forEach(topic -> topic.partitions()
					.forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition()))));
			return partitions;
		}
	}

	/**
	 * Pages of one site of its own, written a few a second from the moment it is made
	 * until it is closed.
	 */
	static final class PageStream implements AutoCloseable {

		final String site;

		private final int year;

		/** Reply ids of the pages written, in order. */
		private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

		private final KafkaProducer<String, byte[]> producer = producer();

		private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

		PageStream(String site, int year) {
			this.site = site;
			this.year = year;
			this.writer.scheduleAtFixedRate(this::sendPage, 0, 1000 / PAGES_PER_SECOND, TimeUnit.MILLISECONDS);
		}

		List<String> sent() {
			return List.copyOf(this.sent);
		}

		/** The site's replies the search API counts, -1 while it cannot answer. */
		long searchable() {
			try {
				JsonNode answer = SearchClient.json(
						new SearchClient(services.get("search").port).get("/api/replies?size=1&site=" + this.site),
						200);
				return answer.get("total").asLong();
			}
			catch (AssertionError | RuntimeException ex) {
				return -1;
			}
		}

		/**
		 * Waits until 20 more of its replies are searchable than now, showing the
		 * pipeline moves.
		 */
		void awaitProgress(String after) {
			long before = Math.max(0, searchable());
			await("20 more replies searchable after " + after).atMost(RECOVERY)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> searchable() >= before + 20);
		}

		@Override
		public void close() throws InterruptedException {
			this.writer.shutdown();
			this.writer.awaitTermination(5, TimeUnit.MINUTES);
			this.producer.close();
		}

		private void sendPage() {
			if (this.sent.size() >= MAX_PAGES) {
				return;
			}
			int n = this.sent.size() + 1;
			String number = "署建复〔" + this.year + "〕" + n + "号";
			String title = "对十四届全国人大二次会议第" + (5000 + n) + "号建议的答复";
			String url = "http://" + this.site + ".example.gov.cn/replies/" + n + ".html";
			String page = "<html><body><div><p>办理结果：A</p><p>" + ISSUER + "</p><p>" + number + "</p><p>" + title
					+ "</p><p>张三代表：</p><p>您提出的关于口岸通关第" + n + "项措施的建议收悉。现答复如下：一、已推进。</p><p>" + ISSUER
					+ "</p><p>2024年7月1日</p></div></body></html>";
			Map<String, Object> crawled = new LinkedHashMap<>();
			crawled.put("url", url);
			crawled.put("site", this.site);
			crawled.put("fetchedAt", Instant.now().toString());
			crawled.put("status", 200);
			crawled.put("contentType", "text/html; charset=utf-8");
			crawled.put("content", Base64.getEncoder().encodeToString(page.getBytes(StandardCharsets.UTF_8)));
			try {
				this.producer.send(new ProducerRecord<>("crawl.pages", url, JSON.writeValueAsBytes(crawled))).get();
				this.sent.add(ReplyIdentity.of(ISSUER, number, title));
			}
			catch (Exception ex) {
				// Not sent (the broker was away too long): written again on the next
				// tick.
				System.out.println("Page " + n + " of " + this.site + " not sent: " + ex.getMessage());
			}
		}

	}

	/** Every document id of the site's replies in the index. */
	private static List<String> indexedIds(String site) throws IOException, InterruptedException {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		JsonNode hits = JSON.readTree(http.send(java.net.http.HttpRequest
			.newBuilder(
					elasticsearch.uri().resolve("/replies/_search?size=" + MAX_PAGES + "&_source=false&q=site:" + site))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("hits").path("hits");
		List<String> ids = new ArrayList<>();
		hits.forEach(hit -> ids.add(hit.get("_id").asText()));
		return ids;
	}

	/** The records on each dead-letter topic that exists. */
	private static Map<String, Long> deadLetters() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Set<String> topics = admin.listTopics().names().get();
			Map<String, Long> counts = new TreeMap<>();
			for (String topic : DEAD_LETTER_TOPICS) {
				if (!topics.contains(topic)) {
					counts.put(topic, 0L);
					continue;
				}
				TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				description.partitions()
					.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
				long count = admin.listOffsets(latest)
					.all()
					.get()
					.values()
					.stream()
					.mapToLong(offsets -> offsets.offset())
					.sum();
				counts.put(topic, count);
			}
			return counts;
		}
	}

	private static long repeatedEvents() {
		long distinct = events.values()
			.stream()
			.map(Map::values)
			.flatMap(Collection::stream)
			.mapToLong(Set::size)
			.sum();
		return eventRecords.get() - distinct;
	}

	/** Reads {@code replies.published} as a subscriber would, through every fault. */
	private static void readEvents() {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
						ConsumerConfig.GROUP_ID_CONFIG, "fault-it-subscriber", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of("replies.published"));
			while (running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					eventRecords.incrementAndGet();
					events.computeIfAbsent(header(record, "ce_subject"), id -> new ConcurrentHashMap<>())
						.computeIfAbsent(header(record, "ce_type"), type -> ConcurrentHashMap.newKeySet())
						.add(header(record, "ce_id"));
				}
			}
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? "(no " + name + ")" : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
	}

	private static LocalKafka startKafka(boolean keepData) throws IOException, InterruptedException {
		return LocalKafka.start(LOCAL_TARGET.resolve("kafka/libs"), WORK.resolve("kafka"), kafkaPort,
				kafkaControllerPort, keepData);
	}

	/** Starts Elasticsearch on its data of an earlier start, if any. */
	private static LocalElasticsearch startElasticsearch() throws IOException, InterruptedException {
		try (Stream<Path> files = Files.list(LOCAL_TARGET)) {
			Path distribution = files.filter(f -> f.getFileName().toString().startsWith("elasticsearch-"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no Elasticsearch distribution in " + LOCAL_TARGET));
			return LocalElasticsearch.start(distribution, WORK.resolve("elasticsearch"), elasticsearchPort,
					elasticsearchTransportPort, true);
		}
	}

	private static void fault(String what) {
		faults.add(what);
		System.out.println(Instant.now() + " " + what);
	}

	/** A Dafu service run from its runnable jar, as the local run does. */
	static final class Service implements AutoCloseable {

		final String name;

		final int port;

		private final int instance;

		private ServerProcess process;

		private int starts;

		Service(String name, int port) {
			this(name, port, 1);
		}

		Service(String name, int port, int instance) {
			this.name = name;
			this.port = port;
			this.instance = instance;
		}

		void start() throws IOException {
			this.starts++;
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
							"enricher".equals(this.name) ? "-Xmx384m" : "-Xmx256m", "-XX:+UseSerialGC", "-jar",
							jar().toString(), "--server.port=" + this.port, "--server.address=127.0.0.1",
							"--DAFU_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
							"--DAFU_ELASTICSEARCH_URIS=" + "http://127.0.0.1:" + elasticsearchPort,
							"--DAFU_OPERATOR_PASSWORD=fault-it-secret", "--spring.main.banner-mode=off",
							// Which instance a consumer in a group is (a suffix per
							// consumer follows).
							"--spring.cloud.stream.kafka.binder.consumer-properties.client.id=" + this.name + "@"
									+ this.instance));
			this.process = ServerProcess.start(this.name, command, Map.of(), WORK,
					WORK.resolve("logs").resolve(this.name + "-" + this.instance + "-" + this.starts + ".log"));
		}

		boolean isAlive() {
			return this.process != null && this.process.isAlive();
		}

		void awaitHealthy() throws InterruptedException {
			Readiness.awaitHttpOk(this.process, uri("/actuator/health"), Duration.ofMinutes(3));
		}

		void kill() throws InterruptedException {
			this.process.kill();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		private Path jar() throws IOException {
			Path target = SERVICES.resolve(this.name).resolve("target");
			try (Stream<Path> files = Files.list(target)) {
				return files.filter(f -> f.getFileName().toString().matches("dafu-" + this.name + "-.*-exec\\.jar"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("no runnable jar in " + target));
			}
		}

		@Override
		public void close() {
			if (this.process != null) {
				this.process.close();
			}
		}

	}

}
