package dev.dafu.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's first command: runs Kafka, Elasticsearch, the demo site and the five
 * services on this machine, crawls the demo site once and prints where to search. Ctrl-C
 * (or {@code deploy/local/stop}) stops everything it started.
 * <p>
 * Usage: {@code java -jar deploy/local/target/dafu-local-*.jar <repository folder>
 * [--instances N]}: N instances of each service but search (default 1, or
 * {@code DAFU_INSTANCES}), the n-th on its service's port + 100 × (n − 1). Ports and the
 * data folder come from environment variables; see the README.
 */
public final class LocalRun {

	/**
	 * The demo site's home, whose listings lead to every reply, and the real reply's own
	 * listing.
	 */
	private static final List<String> DEMO_START_PAGES = List.of("/index.html", "/jytabl/real/index.html");

	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private static final int MAX_INSTANCES = 8;

	/** The port of a service's n-th instance is its first's + this × (n − 1). */
	private static final int PORT_STEP = 100;

	private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

	private final Path repository;

	private final Path dataDir;

	private final int instances;

	private LocalRun(Path repository, Path dataDir, int instances) {
		this.repository = repository;
		this.dataDir = dataDir;
		this.instances = instances;
	}

	public static void main(String[] args) throws Exception {
		Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
		Path dataDir = Path.of(env("DAFU_DATA_DIR", repository.resolve("deploy/local/data").toString()))
			.toAbsolutePath();
		int instances;
		try {
			instances = instances(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		LocalRun run = new LocalRun(repository, dataDir, instances);
		Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll, "dafu-local-stop"));
		try {
			run.startAll();
		}
		catch (Exception ex) {
			System.err.println("Dafu could not start: " + ex.getMessage());
			System.exit(1);
		}
		Thread.currentThread().join();
	}

	private void startAll() throws Exception {
		Instant begin = Instant.now();
		Files.createDirectories(this.dataDir);
		Files.writeString(this.dataDir.resolve("dafu.pid"), Long.toString(ProcessHandle.current().pid()));
		Path target = this.repository.resolve("deploy/local/target");
		Path logs = this.dataDir.resolve("logs");

		say("Starting Kafka and Elasticsearch (data in " + this.dataDir + ") ...");
		CompletableFuture<LocalKafka> kafkaStart = CompletableFuture.supplyAsync(
				() -> started(() -> LocalKafka.start(target.resolve("kafka/libs"), this.dataDir.resolve("kafka"),
						port("DAFU_KAFKA_PORT", 9092), port("DAFU_KAFKA_CONTROLLER_PORT", 9093), true)));
		CompletableFuture<LocalElasticsearch> elasticsearchStart = CompletableFuture.supplyAsync(() -> started(
				() -> LocalElasticsearch.start(elasticsearchDistribution(target), this.dataDir.resolve("elasticsearch"),
						port("DAFU_ELASTICSEARCH_PORT", 9200), port("DAFU_ELASTICSEARCH_TRANSPORT_PORT", 9300), true)));
		LocalKafka kafka = kafkaStart.join();
		LocalElasticsearch elasticsearch = elasticsearchStart.join();
		say("Kafka at " + kafka.bootstrapServers() + ", Elasticsearch at " + elasticsearch.uri());

		StaticSite demoSite = StaticSite.start(this.repository.resolve("deploy/local/demo-site"),
				port("DAFU_DEMO_SITE_PORT", 8090));
		this.started.add(demoSite);
		StaticSite variedSite = StaticSite.start(this.repository.resolve("deploy/local/varied-site"),
				port("DAFU_VARIED_SITE_PORT", 8091));
		this.started.add(variedSite);

		String operator = env("DAFU_OPERATOR_USER", "operator");
		String password = System.getenv("DAFU_OPERATOR_PASSWORD");
		boolean generated = password == null || password.isBlank();
		if (generated) {
			password = generatedPassword();
		}
		// Enough partitions for every instance of a stage to have one.
		Map<String, String> common = Map.of("DAFU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
				"DAFU_ELASTICSEARCH_URIS", elasticsearch.uri().toString(), "DAFU_OPERATOR_USER", operator,
				"DAFU_OPERATOR_PASSWORD", password, "DAFU_KAFKA_PARTITIONS",
				env("DAFU_KAFKA_PARTITIONS", Integer.toString(Math.max(3, this.instances))));
		// The demo sites are on loopback, which a site profile must allow; a short delay
		// keeps start-up quick. The second is registered with nothing but its home page,
		// as an operator registers a site they have never seen.
		List<String> crawlerArgs = new ArrayList<>(
				List.of("--dafu.crawler.sites[0].id=demo", "--dafu.crawler.sites[0].name=Dafu demo site",
						"--dafu.crawler.sites[0].allow-private-network=true", "--dafu.crawler.sites[0].delay-ms=100",
						"--dafu.crawler.sites[1].id=varied", "--dafu.crawler.sites[1].name=Dafu varied demo site",
						"--dafu.crawler.sites[1].allow-private-network=true", "--dafu.crawler.sites[1].delay-ms=100",
						"--dafu.crawler.sites[1].start-urls[0]=" + variedSite.baseUri().resolve("/index.html")));
		for (int i = 0; i < DEMO_START_PAGES.size(); i++) {
			crawlerArgs.add("--dafu.crawler.sites[0].start-urls[" + i + "]="
					+ demoSite.baseUri().resolve(DEMO_START_PAGES.get(i)));
		}
		List<Service> services = new ArrayList<>();
		for (int instance = 1; instance <= this.instances; instance++) {
			// Three batches of up to 1 000 replies in flight: in 256 MB a backlog cost
			// a full collection every few batches (docs/benchmarks.md, the indexer).
			services.add(new Service("indexer", "DAFU_INDEXER_PORT", 8084, "512m", List.of(), instance));
			if (instance == 1) {
				services.add(new Service("search", "DAFU_SEARCH_PORT", 8080, "384m", List.of(), instance));
			}
			services.add(new Service("enricher", "DAFU_ENRICHER_PORT", 8083, "384m", List.of(), instance));
			services.add(new Service("parser", "DAFU_PARSER_PORT", 8082, "256m", List.of(), instance));
			services.add(new Service("crawler", "DAFU_CRAWLER_PORT", 8081, "256m", crawlerArgs, instance));
		}
		say("Starting the services: indexer, search, enricher, parser, crawler"
				+ (this.instances > 1 ? ", " + this.instances + " instances of each but search" : "") + " ...");
		List<ServerProcess> processes = new ArrayList<>();
		for (Service service : services) {
			processes.add(startService(service, common, logs));
		}
		for (int i = 0; i < services.size(); i++) {
			Readiness.awaitHttpOk(processes.get(i), services.get(i).uri("/actuator/health"), Duration.ofSeconds(180));
		}
		URI search = first(services, "search").uri("/");
		say("");
		say("Dafu is running (" + Duration.between(begin, Instant.now()).toSeconds() + " s).");
		// Percent-encoded, so the addresses work pasted into curl as well as a browser.
		String example = URLEncoder.encode("科技创新", StandardCharsets.UTF_8);
		say("  Search:      " + search.resolve("/search?q=" + example));
		say("  Search API:  " + search.resolve("/api/replies?q=" + example));
		say("  Crawler:     " + first(services, "crawler").uri("/") + " (the operator page: sites, crawls, crawl now)");
		if (this.instances > 1) {
			say("  Instances:   " + this.instances
					+ " of crawler, parser, enricher and indexer; the n-th on the first's port + " + PORT_STEP
					+ " x (n - 1), its log " + logs.resolve("<service>-<n>.log"));
		}
		say("  Demo sites:  " + demoSite.baseUri() + "/ and " + variedSite.baseUri() + "/ (layouts, files, scripts)");
		say("  Logs:        " + logs);
		say("  Operator:    " + operator
				+ (generated ? " / " + password + " (generated for this run; set DAFU_OPERATOR_PASSWORD to choose)"
						: " / the password in DAFU_OPERATOR_PASSWORD"));
		say("Stop it with Ctrl-C or deploy/local/stop.");
		long replies = awaitCrawl(search.resolve("/api/replies?size=1"));
		say("Demo sites crawled: " + replies + " replies searchable, "
				+ Duration.between(begin, Instant.now()).toSeconds() + " s after start.");
	}

	private ServerProcess startService(Service service, Map<String, String> common, Path logs) throws IOException {
		Path jar = serviceJar(service.name());
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + service.heap(),
						"-XX:+UseSerialGC", "-jar", jar.toString()));
		command.addAll(service.args());
		// A topic made by an earlier run with fewer instances gets the partitions asked
		// for.
		command.add("--spring.cloud.stream.kafka.binder.auto-add-partitions=true");
		Map<String, String> environment = new HashMap<>(common);
		environment.put(service.portVariable(), Integer.toString(service.port()));
		// One crawler crawls the demo sites at start; the others take their share of
		// later crawls.
		environment.put("DAFU_CRAWL_ON_STARTUP", Boolean.toString(service.instance() == 1));
		// Only this machine reaches the services unless told otherwise.
		environment.put("SERVER_ADDRESS", env("DAFU_BIND_ADDRESS", "127.0.0.1"));
		ServerProcess process = ServerProcess.start(service.label(), command, environment, this.repository,
				logs.resolve(service.label() + ".log"));
		this.started.add(process);
		return process;
	}

	/** Waits until the number of searchable replies stops growing, and returns it. */
	private static long awaitCrawl(URI countUri) throws InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		long last = -1;
		Instant changed = Instant.now();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			long total = total(http, countUri);
			if (total != last) {
				last = total;
				changed = Instant.now();
			}
			else if (total > 0 && Duration.between(changed, Instant.now()).toSeconds() >= 10) {
				return total;
			}
			Thread.sleep(1000);
		}
		return last;
	}

	private static long total(HttpClient http, URI uri) throws InterruptedException {
		try {
			String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
			Matcher matcher = TOTAL.matcher(body);
			return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private Path serviceJar(String name) throws IOException {
		Path targetDir = this.repository.resolve("services").resolve(name).resolve("target");
		try (var files = Files.list(targetDir)) {
			return files.filter(f -> f.getFileName().toString().matches("dafu-" + name + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no runnable jar in " + targetDir + ": build first"));
		}
	}

	private static Path elasticsearchDistribution(Path target) {
		try (var files = Files.list(target)) {
			return files.filter(f -> f.getFileName().toString().startsWith("elasticsearch-"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no Elasticsearch in " + target + ": build first"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T extends AutoCloseable> T started(Starter<T> starter) {
		try {
			T server = starter.start();
			this.started.add(server);
			return server;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private void stopAll() {
		List<AutoCloseable> servers = new ArrayList<>(this.started);
		if (servers.isEmpty()) {
			return;
		}
		say("Stopping Dafu ...");
		for (int i = servers.size() - 1; i >= 0; i--) {
			try {
				servers.get(i).close();
			}
			catch (Exception ex) {
				System.err.println("Stopping " + servers.get(i) + " failed: " + ex.getMessage());
			}
		}
		this.started.clear();
		say("Stopped.");
	}

	private static Service first(List<Service> services, String name) {
		return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * The instances asked for: {@code --instances N}, else {@code DAFU_INSTANCES}, else
	 * 1.
	 */
	static int instances(String[] args) {
		String asked = env("DAFU_INSTANCES", "1");
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--instances") && i + 1 < args.length) {
				asked = args[++i];
			}
			else if (args[i].startsWith("--instances=")) {
				asked = args[i].substring("--instances=".length());
			}
			else {
				throw new IllegalArgumentException(
						"unknown argument " + args[i] + "; usage: deploy/local/run [--instances N]");
			}
		}
		try {
			int instances = Integer.parseInt(asked.trim());
			if (instances >= 1 && instances <= MAX_INSTANCES) {
				return instances;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new IllegalArgumentException("--instances (or DAFU_INSTANCES) must be a whole number from 1 to "
				+ MAX_INSTANCES + ", not '" + asked + "'");
	}

	private static String generatedPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static int port(String variable, int defaultPort) {
		return Integer.parseInt(env(variable, Integer.toString(defaultPort)));
	}

	private static String env(String variable, String defaultValue) {
		String value = System.getenv(variable);
		return value == null || value.isBlank() ? defaultValue : value;
	}

	private static void say(String line) {
		System.out.println(line);
	}

	@FunctionalInterface
	private interface Starter<T> {

		T start() throws Exception;

	}

	private record Service(String name, String portVariable, int defaultPort, String heap, List<String> args,
			int instance) {

		int port() {
			return LocalRun.port(this.portVariable, this.defaultPort) + PORT_STEP * (this.instance - 1);
		}

		/** The service's name, and its instance's number from the second on. */
		String label() {
			return this.instance == 1 ? this.name : this.name + "-" + this.instance;
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port() + path);
		}

	}

}
