package dev.dafu.indexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import dev.dafu.elasticsearch.ElasticsearchClientConfiguration;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;
import dev.dafu.local.ServerProcess;
import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter;

/**
 * Load run of the indexer against raw Elasticsearch bulk, both in one run on one machine
 * (issue 10):
 * <ul>
 * <li>(b) the indexer service, its runnable jar in a process of its own as the local run
 * starts it: {@code warmUp} and then {@code replies} enriched replies waiting on
 * {@code replies.enriched}, from when it has committed the first {@code warmUp} until it
 * has committed them all;</li>
 * <li>(a) the reference: the documents the indexer stored, read back and bulk-loaded into
 * another index of the same template with the Elasticsearch Java client, batches of 1
 * 000, refresh off.</li>
 * </ul>
 * The replies are the parser's and the enricher's own output for generated reply pages of
 * about 4 KB. Prints both rates and their ratio.
 * <p>
 * Usage, from the repository's folder after a build:
 * {@code java -cp … dev.dafu.indexer.IndexerLoadRun deploy/local/target [replies]
 * [warmUp]}
 */
public final class IndexerLoadRun {

	private static final String TOPIC = "replies.enriched";

	private static final String INDEX = "replies-load";

	private static final String RAW_INDEX = "replies-load-raw";

	private static final int BULK_BATCH = 1000;

	private IndexerLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		ServerProcess.stopChildrenOnExit();
		Path target = Path.of(args.length > 0 ? args[0] : "deploy/local/target");
		int replies = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
		Path work = Files.createTempDirectory("dafu-indexer-load");
		try (LocalKafka kafka = LocalKafka.start(target.resolve("kafka/libs"), work.resolve("kafka"), Ports.free(),
				Ports.free(), false);
				LocalElasticsearch elasticsearch = LocalElasticsearch.start(distribution(target),
						work.resolve("elasticsearch"), Ports.free(), Ports.free(), false)) {
			say("Making " + replies + " enriched replies (parser and enricher) ...");
			List<EnrichedReply> enriched = enrichedReplies(warmUp + replies);
			JsonMapper json = JsonMapper.builder().build();
			long bytes = writeTopic(kafka.bootstrapServers(), enriched, json);
			say("On " + TOPIC + ": " + enriched.size() + " records, " + bytes / 1024 / 1024 + " MiB");

			ServerProcess indexer = startIndexer(kafka.bootstrapServers(), elasticsearch.uri().toString(), work);
			Throughput indexing = awaitCommitted(kafka.bootstrapServers(), "dafu-indexer", indexer, warmUp);
			indexer.close();
			ElasticsearchClient client = client(elasticsearch.uri().toString());
			client.indices().refresh(r -> r.index(INDEX));
			long indexed = client.count(c -> c.index(INDEX)).count();
			if (indexed != warmUp + replies) {
				throw new IllegalStateException(indexed + " replies indexed of " + (warmUp + replies));
			}
			double indexerRate = indexing.rate();
			say(String.format(
					"(b) indexer:   %d replies in %.1f s after its first commit = %.0f replies/s; its process busy %.1f s of CPU",
					indexing.records(), seconds(indexing.time()), indexerRate, seconds(indexing.cpu())));

			List<JsonData> stored = readAll(client, INDEX);
			Map<String, Duration> beforeBulk = ProcessCpu.of(List.of());
			Duration bulk = bulkLoad(client, stored, RAW_INDEX, BULK_BATCH, "-1");
			say("    raw bulk's CPU by process: " + ProcessCpu.spent(beforeBulk, ProcessCpu.of(List.of())));
			client.indices().refresh(r -> r.index(RAW_INDEX));
			long loaded = client.count(c -> c.index(RAW_INDEX)).count();
			// Where the difference goes: Elasticsearch's own cost of the indexer's batch
			// size
			// and of search seeing replies within a second.
			Duration searchable = bulkLoad(client, stored, RAW_INDEX + "-searchable", 500, "1s");
			say(String.format("    raw bulk, batches of 500, refresh 1 s: %.0f docs/s",
					stored.size() / seconds(searchable)));

			double bulkRate = loaded / seconds(bulk);
			say(String.format("(a) raw bulk:  %d documents in %.1f s = %.0f docs/s", loaded, seconds(bulk), bulkRate));
			say(String.format("(b)/(a) = %.2f", indexerRate / bulkRate));
			say("    Elasticsearch's time in the indexer's index: " + timeSpent(client, INDEX));
			say("    Elasticsearch's time in raw bulk's index:    " + timeSpent(client, RAW_INDEX));
			client._transport().close();
		}
	}

	/** Generated reply pages of about 4 KB, parsed and enriched as the services do. */
	static List<EnrichedReply> enrichedReplies(int count) {
		ReplyParser parser = new ReplyParser(10 * 1024 * 1024);
		ReplyEnricher enricher = new ReplyEnricher(new ChineseSegmenter());
		Random random = new Random(42);
		List<EnrichedReply> replies = new ArrayList<>(count);
		for (int n = 1; n <= count; n++) {
			for (Reply reply : parser.parse(ReplyPages.crawledPage(n, random))) {
				replies.add(enricher.enrich(reply));
			}
		}
		if (replies.size() != count) {
			throw new IllegalStateException("the parser made " + replies.size() + " replies of " + count + " pages");
		}
		return replies;
	}

	private static long writeTopic(String bootstrapServers, List<EnrichedReply> replies, JsonMapper json)
			throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			// As the binder creates it: three partitions, compacted.
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
				.all()
				.get();
		}
		long bytes = 0;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 20,
						// As the enricher sends them.
						ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new ByteArraySerializer())) {
			for (EnrichedReply reply : replies) {
				byte[] value = json.writeValueAsBytes(reply);
				bytes += value.length;
				producer.send(new ProducerRecord<>(TOPIC, reply.reply().id(), value));
			}
			producer.flush();
		}
		return bytes;
	}

	/**
	 * The indexer service as the local run starts it: its runnable jar, its heap and
	 * collector, its own process.
	 */
	private static ServerProcess startIndexer(String kafka, String elasticsearch, Path work) throws IOException {
		Path targetDir = Path.of("services/indexer/target").toAbsolutePath();
		Path jar;
		try (Stream<Path> files = Files.list(targetDir)) {
			jar = files.filter(f -> f.getFileName().toString().matches("dafu-indexer-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no runnable jar in " + targetDir + ": build first"));
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=0",
						"--DAFU_KAFKA_BOOTSTRAP_SERVERS=" + kafka, "--DAFU_ELASTICSEARCH_URIS=" + elasticsearch,
						"--DAFU_ELASTICSEARCH_INDEX=" + INDEX, "--DAFU_OPERATOR_PASSWORD=load-run"));
		// -Dindexer.args="--key=value …" to try other settings.
		String extra = System.getProperty("indexer.args", "");
		if (!extra.isBlank()) {
			command.addAll(List.of(extra.split(" ")));
		}
		// -Dindexer.jvm="-XX:StartFlightRecording=…" to profile it.
		return ServerProcess.start("indexer", command,
				Map.of("JAVA_TOOL_OPTIONS", System.getProperty("indexer.jvm", "")), work, work.resolve("indexer.log"));
	}

	/**
	 * Waits until {@code group} has committed every record of {@link #TOPIC}; the rate is
	 * counted from when it has committed the first {@code warmUp} (so neither the
	 * service's start-up nor its JIT compiler's first minute counts), the CPU time of its
	 * process likewise.
	 */
	private static Throughput awaitCommitted(String bootstrapServers, String group, ServerProcess indexer, int warmUp)
			throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < 3; p++) {
				latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
			}
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
			long total = ends.values().stream().mapToLong(Long::longValue).sum();
			Instant firstCommit = null;
			long committedAtFirst = 0;
			Map<String, Long> threadsAtFirst = Map.of();
			Map<String, Duration> processesAtFirst = Map.of();
			Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
			while (Instant.now().isBefore(deadline)) {
				indexer.checkAlive();
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get();
				long done = ends.keySet()
					.stream()
					.mapToLong(p -> committed.get(p) == null ? 0 : committed.get(p).offset())
					.sum();
				if (firstCommit == null && done >= warmUp) {
					firstCommit = Instant.now();
					committedAtFirst = done;
					threadsAtFirst = ThreadCpu.of(indexer.pid());
					processesAtFirst = ProcessCpu.of(List.of(indexer));
				}
				if (done >= total) {
					say("    the indexer's CPU by thread: " + ThreadCpu.since(indexer.pid(), threadsAtFirst));
					Map<String, Duration> processes = ProcessCpu.of(List.of(indexer));
					say("    CPU by process: " + ProcessCpu.spent(processesAtFirst, processes));
					return new Throughput(total - committedAtFirst, Duration.between(firstCommit, Instant.now()),
							processes.get(indexer.name()).minus(processesAtFirst.get(indexer.name())));
				}
				Thread.sleep(50);
			}
			throw new IllegalStateException("the indexer did not commit every record within 30 minutes");
		}
	}

	static ElasticsearchClient client(String uri) {
		RestClient rest = RestClient.builder(HttpHost.create(uri)).build();
		return new ElasticsearchClient(new RestClientTransport(rest, ElasticsearchClientConfiguration.jsonMapper()));
	}

	/** Records handled in a time, and the CPU time that took. */
	private record Throughput(long records, Duration time, Duration cpu) {

		double rate() {
			return this.records / seconds(this.time);
		}

	}

	/** Every document of {@code index}, as stored. */
	static List<JsonData> readAll(ElasticsearchClient client, String index) throws IOException {
		List<JsonData> documents = new ArrayList<>();
		List<FieldValue> after = List.of();
		while (true) {
			List<FieldValue> from = after;
			List<Hit<JsonData>> hits = client.search(s -> {
				s.index(index).size(BULK_BATCH).sort(o -> o.field(f -> f.field("id")));
				return from.isEmpty() ? s : s.searchAfter(from);
			}, JsonData.class).hits().hits();
			if (hits.isEmpty()) {
				return documents;
			}
			hits.forEach(hit -> documents.add(hit.source()));
			after = hits.get(hits.size() - 1).sort();
		}
	}

	/**
	 * Bulk-loads {@code documents} into a new {@code index} of the same template, with
	 * {@code refresh} as its refresh interval during the load; the time the bulk requests
	 * took.
	 */
	static Duration bulkLoad(ElasticsearchClient client, List<JsonData> documents, String index, int batchSize,
			String refresh) throws IOException {
		client.indices().create(c -> c.index(index).settings(s -> s.refreshInterval(t -> t.time(refresh))));
		Instant start = Instant.now();
		for (int from = 0; from < documents.size(); from += batchSize) {
			List<JsonData> batch = documents.subList(from, Math.min(documents.size(), from + batchSize));
			BulkResponse response = client.bulk(b -> {
				for (JsonData document : batch) {
					String id = document.toJson().asJsonObject().getString("id");
					b.operations(op -> op.index(i -> i.index(index).id(id).document(document)));
				}
				return b;
			});
			if (response.errors()) {
				throw new IllegalStateException("raw bulk failed: " + response.items()
					.stream()
					.filter(item -> item.error() != null)
					.findFirst()
					.map(item -> item.error().reason())
					.orElse("?"));
			}
		}
		Duration took = Duration.between(start, Instant.now());
		client.indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))));
		return took;
	}

	/**
	 * What Elasticsearch's own statistics say it spent on {@code index}, by kind of work.
	 */
	static String timeSpent(ElasticsearchClient client, String index) throws IOException {
		var stats = client.indices().stats(s -> s.index(index)).all().total();
		return String.format(
				"indexing %d documents in %.1f s, get %.1f s (%d), search %.1f s (%d), refresh %.1f s (%d), merges %.1f s (%d), flush %.1f s, segments %d",
				stats.indexing().indexTotal(), stats.indexing().indexTimeInMillis() / 1000.0,
				stats.get().timeInMillis() / 1000.0, stats.get().total(),
				(stats.search().queryTimeInMillis() + stats.search().fetchTimeInMillis()) / 1000.0,
				stats.search().queryTotal(), stats.refresh().totalTimeInMillis() / 1000.0, stats.refresh().total(),
				stats.merges().totalTimeInMillis() / 1000.0, stats.merges().total(),
				stats.flush().totalTimeInMillis() / 1000.0, stats.segments().count());
	}

	static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	static Path distribution(Path target) throws IOException {
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(f -> f.getFileName().toString().startsWith("elasticsearch-"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no Elasticsearch in " + target + ": build first"));
		}
	}

	static void say(String line) {
		System.out.println(line);
	}

}
