package dev.dafu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;

/**
 * Gives tests a real Kafka broker and a real Elasticsearch, started once per test JVM and
 * stopped when its tests end. Where Docker runs, Testcontainers provides them; elsewhere
 * they are the same local processes as {@code deploy/local}, from the files Maven put in
 * {@code deploy/local/target} (system property {@value #LOCAL_TARGET}). Servers already
 * running can be named instead with the environment variables
 * {@code DAFU_TEST_KAFKA_BOOTSTRAP_SERVERS} and {@code DAFU_TEST_ELASTICSEARCH_URI}, to
 * iterate quickly in an IDE.
 */
public final class RealServers implements BeforeAllCallback {

	/** The folder holding {@code kafka/libs} and {@code elasticsearch-*}. */
	public static final String LOCAL_TARGET = "dafu.local.target";

	static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.21";

	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	private static volatile Servers servers;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(Servers.class, key -> start(), Servers.class);
	}

	public static String kafkaBootstrapServers() {
		return running().kafkaBootstrapServers();
	}

	public static URI elasticsearchUri() {
		return running().elasticsearchUri();
	}

	private static Servers running() {
		if (servers == null) {
			throw new IllegalStateException("annotate the test class with @ExtendWith(RealServers.class)");
		}
		return servers;
	}

	private static synchronized Servers start() {
		if (servers != null) {
			return servers;
		}
		String kafka = System.getenv("DAFU_TEST_KAFKA_BOOTSTRAP_SERVERS");
		String elasticsearch = System.getenv("DAFU_TEST_ELASTICSEARCH_URI");
		if (kafka != null && elasticsearch != null) {
			servers = new Servers(kafka, URI.create(elasticsearch), () -> {
			});
		}
		else if (DockerClientFactory.instance().isDockerAvailable()) {
			servers = startContainers();
		}
		else {
			servers = startLocalProcesses();
		}
		Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "real-servers-stop"));
		return servers;
	}

	private static Servers startContainers() {
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
		ElasticsearchContainer elasticsearch = new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
			.withEnv("xpack.security.enabled", "false")
			.withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
		Stream.of(kafka, elasticsearch).parallel().forEach(container -> container.start());
		return new Servers(kafka.getBootstrapServers(), URI.create("http://" + elasticsearch.getHttpHostAddress()),
				() -> {
					kafka.stop();
					elasticsearch.stop();
				});
	}

	private static Servers startLocalProcesses() {
		Path target = Path.of(System.getProperty(LOCAL_TARGET, "../../deploy/local/target")).toAbsolutePath();
		Path data = Path.of("target", "real-servers").toAbsolutePath();
		try (Stream<Path> files = Files.list(target)) {
			Path distribution = files.filter(f -> f.getFileName().toString().startsWith("elasticsearch-"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no Elasticsearch distribution in " + target));
			LocalKafka kafka = LocalKafka.start(target.resolve("kafka/libs"), data.resolve("kafka"), Ports.free(),
					Ports.free(), false);
			LocalElasticsearch elasticsearch;
			try {
				elasticsearch = LocalElasticsearch.start(distribution, data.resolve("elasticsearch"), Ports.free(),
						Ports.free(), false);
			}
			catch (RuntimeException | IOException ex) {
				kafka.close();
				throw ex;
			}
			return new Servers(kafka.bootstrapServers(), elasticsearch.uri(), () -> {
				kafka.close();
				elasticsearch.close();
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The running servers; closing stops those this class started, once. */
	private static final class Servers implements AutoCloseable {

		private final String kafkaBootstrapServers;

		private final URI elasticsearchUri;

		private Runnable stop;

		Servers(String kafkaBootstrapServers, URI elasticsearchUri, Runnable stop) {
			this.kafkaBootstrapServers = kafkaBootstrapServers;
			this.elasticsearchUri = elasticsearchUri;
			this.stop = stop;
		}

		String kafkaBootstrapServers() {
			return this.kafkaBootstrapServers;
		}

		URI elasticsearchUri() {
			return this.elasticsearchUri;
		}

		@Override
		public synchronized void close() {
			if (this.stop != null) {
				this.stop.run();
				this.stop = null;
			}
		}

	}

}
