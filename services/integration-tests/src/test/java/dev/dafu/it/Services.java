package dev.dafu.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;

/**
 * Dafu services started in the test JVM against the real servers, each with its own
 * configuration file.
 */
final class Services implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> running = new ArrayList<>();

	private final String index;

	Services(String index) {
		this.index = index;
	}

	/**
	 * Starts {@code application} on a free port, wired to the real Kafka and
	 * Elasticsearch.
	 */
	ConfigurableApplicationContext start(SpringApplicationBuilder application, String... extraArgs) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--DAFU_KAFKA_BOOTSTRAP_SERVERS=" + RealServers.kafkaBootstrapServers(),
						"--DAFU_ELASTICSEARCH_URIS=" + RealServers.elasticsearchUri(),
						"--DAFU_ELASTICSEARCH_INDEX=" + this.index, "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

	/**
	 * Starts the search service over an index that holds {@code replies}, indexed as the
	 * indexer indexes them and searchable at once.
	 */
	ConfigurableApplicationContext startSearchOver(List<ReplyIndexer.Incoming> replies, String... extraArgs)
			throws IOException {
		ConfigurableApplicationContext search = start(SearchApplication.application(), extraArgs);
		ElasticsearchClient elasticsearch = search.getBean(ElasticsearchClient.class);
		ReplyIndex index = search.getBean(ReplyIndex.class);
		index.createOrUpdate();
		ReplyIndexer.Outcome indexed = new ReplyIndexer(elasticsearch, index, new SimpleMeterRegistry()).index(replies);
		if (indexed.refused() != null) {
			throw new IllegalStateException(indexed.refused().reason());
		}
		elasticsearch.indices().refresh(r -> r.index(this.index));
		return search;
	}

	/**
	 * The {@code Authorization} header of the operator whose password a service was
	 * started with.
	 */
	static String operatorAuthorization(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Calls {@code uri} with {@code method} and no body as the operator whose password a
	 * service was started with.
	 */
	static HttpResponse<String> operatorCall(String method, URI uri, String password)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri)
			.header("Authorization", operatorAuthorization(password))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The services started, in the order they were. */
	List<ConfigurableApplicationContext> running() {
		return List.copyOf(this.running);
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Override
	public void close() {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
		this.running.clear();
	}

}
