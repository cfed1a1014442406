package dev.dafu.indexer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;
import dev.dafu.local.Readiness;
import dev.dafu.local.ServerProcess;
import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;

/**
 * Load run of the whole pipeline (issue 10, (c) and (d)), every service in a process of
 * its own as the local run starts it, on one Kafka and one Elasticsearch:
 * <ul>
 * <li>(c) {@code pages} distinct reply pages written at once onto {@code crawl.pages},
 * after {@code warmUp} pages went through: the time until all are searchable (counted in
 * the index, which sees only what a refresh made searchable), with each service's CPU
 * time in that while (records per second of CPU: the stage that needs the most CPU a
 * record is the bottleneck on a machine whose cores all stages share), and that of each
 * consuming service by kind of thread ({@link ThreadCpu}: a service still compiling its
 * code shows it as JIT);</li>
 * <li>(a) the reference: the stored documents bulk-loaded with the Elasticsearch Java
 * client, batches of 1 000, refresh off;</li>
 * <li>(d) latency: pages written at a steady {@code rate} a second for {@code seconds}
 * seconds, each timed from its write until a search finds its reply, polled every 50
 * ms.</li>
 * </ul>
 * With {@code instances} above 1, that many parsers, enrichers and indexers run, sharing
 * their topics' partitions (issue 14); each stage's consumer lag is sampled every second
 * during (c).
 * <p>
 * Usage, from the repository's folder after a build:
 * {@code java -cp … dev.dafu.indexer.PipelineLoadRun deploy/local/target [pages] [warmUp]
 * [rate] [seconds] [instances]}
 */
public final class PipelineLoadRun {

	private static final String ALIAS = "replies";

	private static final String RAW_INDEX = "replies-pipeline-raw";

	private static final List<String> SERVICES = List.of("indexer", "search", "enricher", "parser", "crawler");

	/**
	 * The stages that share their work among instances, and the topic each is measured
	 * on.
	 */
	private static final Map<String, String> CONSUMING = Map.of("parser", "crawl.pages", "enricher", "replies.parsed",
			"indexer", "replies.enriched");

	private static final Map<String, String> HEAPS = Map.of("indexer", "512m", "search", "384m", "enricher", "384m",
			"parser", "256m", "crawler", "256m");

	private PipelineLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		ServerProcess.stopChildrenOnExit();
		Path target = Path.of(args.length > 0 ? args[0] : "deploy/local/target");
		int pages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		// Until the services' JIT compilers are mostly done: after 2 000 pages they still
		// took a fifth of the machine during (c), after 20 000 the parser's and the
		// indexer's C2 compilers 2-2.6 s each: on two cores code that runs once a page
		// reaches C2 only as the compiler's queue lets it (docs/benchmarks.md).
		int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 40_000;
		int rate = args.length > 3 ? Integer.parseInt(args[3]) : 20;
		int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
		int instances = args.length > 5 ? Integer.parseInt(args[5]) : 1;
		Path work = Files.createTempDirectory("dafu-pipeline-load");
		IndexerLoadRun.say("Making " + (warmUp + pages + rate * seconds) + " reply pages ...");
		List<Page> all = pages(warmUp + pages + rate * seconds);
		List<ServerProcess> services = new ArrayList<>();
		try (LocalKafka kafka = LocalKafka.start(target.resolve("kafka/libs"), work.resolve("kafka"), Ports.free(),
				Ports.free(), false);
				LocalElasticsearch elasticsearch = LocalElasticsearch.start(IndexerLoadRun.distribution(target),
						work.resolve("elasticsearch"), Ports.free(), Ports.free(), false);
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
								ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
								ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
								// As the crawler sends them.
								ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
						new StringSerializer(), new ByteArraySerializer())) {
			for (String name : SERVICES) {
				int count = CONSUMING.containsKey(name) ? instances : 1;
				for (int instance = 1; instance <= count; instance++) {
					services.add(startService(name, instance, kafka.bootstrapServers(), elasticsearch.uri().toString(),
							work));
				}
			}
			for (ServerProcess service : services) {
				Readiness.awaitHttpOk(service, healthUri(service), Duration.ofSeconds(240));
			}
			IndexerLoadRun.say("Kafka, Elasticsearch and the five services are up"
					+ (instances > 1 ? ", " + instances + " instances of parser, enricher and indexer." : "."));
			ElasticsearchClient client = IndexerLoadRun.client(elasticsearch.uri().toString());

			send(producer, all.subList(0, warmUp));
			awaitSearchable(client, warmUp, services);
			IndexerLoadRun.say("Warm-up: " + warmUp + " pages searchable.");

			Map<String, Duration> cpuBefore = ProcessCpu.of(services);
			Map<String, Map<String, Long>> threadsBefore = new HashMap<>();
			services.forEach(service -> threadsBefore.put(service.name(), ThreadCpu.of(service.pid())));
			long machineBefore = MachineCpu.busyTicks();
			Instant start = Instant.now();
			ConsumerLag lag = ConsumerLag.sample(kafka.bootstrapServers(), CONSUMING);
			send(producer, all.subList(warmUp, warmUp + pages));
			awaitSearchable(client, warmUp + pages, services);
			Duration took = Duration.between(start, Instant.now());
			lag.close();
			double machineSeconds = (MachineCpu.busyTicks() - machineBefore) / (double) MachineCpu.TICKS_PER_SECOND;
			double pipelineRate = pages / IndexerLoadRun.seconds(took);
			IndexerLoadRun.say(String.format("(c) pipeline: %d pages in %.1f s = %.0f replies/s", pages,
					IndexerLoadRun.seconds(took), pipelineRate));
			Map<String, Duration> cpuAfter = ProcessCpu.of(services);
			double servicesSeconds = 0;
			for (String name : SERVICES) {
				double busy = 0;
				for (ServerProcess service : services) {
					if (service.name().equals(name) || service.name().startsWith(name + "-")) {
						double own = IndexerLoadRun
							.seconds(cpuAfter.get(service.name()).minus(cpuBefore.get(service.name())));
						busy += own;
						if (instances > 1 && CONSUMING.containsKey(name)) {
							IndexerLoadRun.say(String.format("      %-10s %6.1f s of CPU", service.name(), own));
						}
						if (CONSUMING.containsKey(name)) {
							IndexerLoadRun.say(String.format("      %-10s by thread: %s", service.name(),
									ThreadCpu.since(service.pid(), threadsBefore.get(service.name()))));
						}
					}
				}
				servicesSeconds += busy;
				String lagOf = CONSUMING.containsKey(name) ? "; lag " + lag.summary("dafu-" + name) : "";
				IndexerLoadRun.say(String.format("    %-8s %6.1f s of CPU = %6.0f records per CPU-second%s", name, busy,
						pages / Math.max(busy, 0.001), lagOf));
			}
			for (String name : List.of("kafka", "elasticsearch", "load run")) {
				double busy = IndexerLoadRun.seconds(cpuAfter.get(name).minus(cpuBefore.get(name)));
				servicesSeconds += busy;
				IndexerLoadRun.say(String.format("    %-13s %6.1f s of CPU", name, busy));
			}
			IndexerLoadRun.say(String.format(
					"    machine  %6.1f s of CPU of %.1f available (2 cores x the run); not in a process above: %.1f s",
					machineSeconds, 2 * IndexerLoadRun.seconds(took), machineSeconds - servicesSeconds));

			List<JsonData> stored = IndexerLoadRun.readAll(client, ALIAS);
			Duration bulk = IndexerLoadRun.bulkLoad(client, stored, RAW_INDEX, 1000, "-1");
			double bulkRate = stored.size() / IndexerLoadRun.seconds(bulk);
			IndexerLoadRun.say(String.format("(a) raw bulk: %d documents in %.1f s = %.0f docs/s", stored.size(),
					IndexerLoadRun.seconds(bulk), bulkRate));
			IndexerLoadRun.say(String.format("(c)/(a) = %.2f", pipelineRate / bulkRate));
			IndexerLoadRun
				.say("    Elasticsearch's time in the pipeline's index: " + IndexerLoadRun.timeSpent(client, ALIAS));
			IndexerLoadRun.say(
					"    Elasticsearch's time in raw bulk's index:     " + IndexerLoadRun.timeSpent(client, RAW_INDEX));
			client.indices().delete(d -> d.index(RAW_INDEX));

			List<Long> latencies = steady(producer, client, all.subList(warmUp + pages, all.size()), rate, services);
			latencies.sort(Long::compare);
			IndexerLoadRun
				.say(String.format("(d) latency at %d pages/s for %d s: p50 %d ms, p99 %d ms, max %d ms", rate, seconds,
						percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1)));
			client._transport().close();
		}
		finally {
			for (ServerProcess service : services) {
				service.close();
			}
		}
	}

	/** Distinct reply pages, each with the id of the reply the parser reads from it. */
	private static List<Page> pages(int count) throws Exception {
		ReplyParser parser = new ReplyParser(10 * 1024 * 1024);
		JsonMapper json = JsonMapper.builder().build();
		Random random = new Random(7);
		List<Page> pages = new ArrayList<>(count);
		for (int n = 1; n <= count; n++) {
			CrawledPage page = ReplyPages.crawledPage(n, random);
			pages.add(new Page(page.url(), parser.parse(page).get(0).id(), json.writeValueAsBytes(page)));
		}
		return pages;
	}

	private static void send(KafkaProducer<String, byte[]> producer, List<Page> pages) {
		for (Page page : pages) {
			producer.send(new ProducerRecord<>("crawl.pages", page.url(), page.json()));
		}
		producer.flush();
	}

	/**
	 * Writes {@code pages} at {@code rate} a second and times each from its write until a
	 * search finds its reply; the times in milliseconds.
	 */
	private static List<Long> steady(KafkaProducer<String, byte[]> producer, ElasticsearchClient client,
			List<Page> pages, int rate, List<ServerProcess> services) throws Exception {
		Map<String, Long> sentAt = new LinkedHashMap<>();
		List<Long> latencies = new ArrayList<>();
		long begin = System.nanoTime();
		int sent = 0;
		Instant deadline = Instant.now().plusSeconds(pages.size() / rate + 120);
		while ((sent < pages.size() || !sentAt.isEmpty()) && Instant.now().isBefore(deadline)) {
			long now = System.nanoTime();
			long due = Math.min(pages.size(), (now - begin) * rate / 1_000_000_000L + 1);
			while (sent < due) {
				Page page = pages.get(sent++);
				producer.send(new ProducerRecord<>("crawl.pages", page.url(), page.json()));
				sentAt.put(page.replyId(), System.nanoTime());
			}
			producer.flush();
			if (!sentAt.isEmpty()) {
				List<String> pending = new ArrayList<>(sentAt.keySet());
				var found = client
					.search(s -> s.index(ALIAS)
						.size(pending.size())
						.source(src -> src.fetch(false))
						.query(q -> q.ids(i -> i.values(pending))), Void.class)
					.hits()
					.hits();
				long seen = System.nanoTime();
				for (var hit : found) {
					Long at = sentAt.remove(hit.id());
					if (at != null) {
						latencies.add((seen - at) / 1_000_000);
					}
				}
			}
			for (ServerProcess service : services) {
				service.checkAlive();
			}
			Thread.sleep(50);
		}
		if (!sentAt.isEmpty()) {
			throw new IllegalStateException(sentAt.size() + " replies never became searchable");
		}
		return latencies;
	}

	static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
	}

	private static void awaitSearchable(ElasticsearchClient client, long count, List<ServerProcess> services)
			throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
		while (Instant.now().isBefore(deadline)) {
			for (ServerProcess service : services) {
				service.checkAlive();
			}
			boolean exists = client.indices().existsAlias(a -> a.name(ALIAS)).value();
			if (exists && client.count(c -> c.index(ALIAS)).count() >= count) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("fewer than " + count + " replies searchable after 30 minutes");
	}

	static final Map<String, Integer> PORTS = new HashMap<>();

	static URI healthUri(ServerProcess service) {
		return URI.create("http://127.0.0.1:" + PORTS.get(service.name()) + "/actuator/health");
	}

	/** A service as the local run starts it: its runnable jar, heap and collector. */
	static ServerProcess startService(String name, String kafka, String elasticsearch, Path work) throws IOException {
		return startService(name, 1, kafka, elasticsearch, work);
	}

	/**
	 * The {@code instance}-th instance of a service, named {@code name-instance} from the
	 * second on.
	 */
	static ServerProcess startService(String name, int instance, String kafka, String elasticsearch, Path work)
			throws IOException {
		String label = instance == 1 ? name : name + "-" + instance;
		Path targetDir = Path.of("services", name, "target").toAbsolutePath();
		Path jar;
		try (Stream<Path> files = Files.list(targetDir)) {
			jar = files.filter(f -> f.getFileName().toString().matches("dafu-" + name + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no runnable jar in " + targetDir + ": build first"));
		}
		int port = Ports.free();
		PORTS.put(label, port);
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAPS.get(name),
				"-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		// -Dindexer.args="--key=value …" (or parser.args …) to try other settings.
		String extra = System.getProperty(name + ".args", "");
		if (!extra.isBlank()) {
			command.addAll(List.of(extra.split(" ")));
		}
		// -Dindexer.jvm="-XX:StartFlightRecording=…" (or parser.jvm …) to profile it.
		Map<String, String> environment = Map.of("DAFU_KAFKA_BOOTSTRAP_SERVERS", kafka, "DAFU_ELASTICSEARCH_URIS",
				elasticsearch, "DAFU_OPERATOR_PASSWORD", "load-run", "JAVA_TOOL_OPTIONS",
				System.getProperty(name + ".jvm", ""));
		return ServerProcess.start(label, command, environment, work, work.resolve(label + ".log"));
	}

	/**
	 * A page as written onto {@code crawl.pages}, and the id of its reply.
	 */
	private record Page(String url, String replyId, byte[] json) {
	}

}
