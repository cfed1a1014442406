package dev.dafu.crawler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.run.CrawlSummary;
import dev.dafu.crawler.run.Frontier;
import dev.dafu.crawler.run.PageSink;
import dev.dafu.crawler.run.SiteCrawler;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.elasticsearch.ElasticsearchClientConfiguration;
import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;
import dev.dafu.local.ServerProcess;
import dev.dafu.local.StaticSite;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load run of the crawler: a generated site on loopback, a real Kafka broker, the
 * crawler's own fetch, listing and politeness code. Prints pages per second fetched and
 * handed to Kafka with politeness off (one request at a time, then four), and the spacing
 * of requests with a delay set. Page history and frontier are kept in memory, or with
 * {@code elasticsearch} as the last argument in a real Elasticsearch, as the crawler
 * service keeps them.
 * <p>
 * Usage: {@code java -cp … dev.dafu.crawler.CrawlerLoadRun <deploy/local/target> [pages]
 * [delayMs] [memory|elasticsearch]}
 */
public final class CrawlerLoadRun {

	private CrawlerLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		ServerProcess.stopChildrenOnExit();
		Path target = Path.of(args.length > 0 ? args[0] : "deploy/local/target");
		int pages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
		int delayMs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
		boolean inElasticsearch = args.length > 3 && args[3].equals("elasticsearch");
		Path work = Files.createTempDirectory("dafu-crawler-load");
		Path siteRoot = generateSite(work.resolve("site"), pages);
		try (LocalKafka kafka = LocalKafka.start(target.resolve("kafka/libs"), work.resolve("kafka"), Ports.free(),
				Ports.free(), false);
				CrawlState state = inElasticsearch ? CrawlState.inElasticsearch(target, work) : CrawlState.inMemory();
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
								ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
						new StringSerializer(), new ByteArraySerializer())) {
			JsonMapper json = JsonMapper.builder().build();
			SiteCrawler crawler = new SiteCrawler(
					new PageFetcher("DafuLoadRun/1.0", Duration.ofSeconds(10), 10_000_000, 1, Duration.ZERO), "dafu",
					new PageSink() {

						@Override
						public void fetched(CrawledPage page) {
							// Synchronous, as the crawler service sends (its binding has
							// sync: true): the page is acknowledged before it counts.
							try {
								producer
									.send(new ProducerRecord<>("crawl.pages.load", page.url(),
											json.writeValueAsBytes(page)))
									.get();
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
								throw new IllegalStateException("interrupted while sending " + page.url(), ex);
							}
							catch (ExecutionException ex) {
								throw new IllegalStateException("Kafka did not accept " + page.url(), ex.getCause());
							}
						}

						@Override
						public void gone(PageGone page) {
							throw new IllegalStateException("the load run's site loses no page, yet " + page.url());
						}
					}, state.history(), state.frontier(), new SimpleMeterRegistry());
			System.out.printf("page history and frontier: %s%n", inElasticsearch ? "Elasticsearch" : "in memory");

			// Each crawl gets a site of its own (a new port, so new URLs): every page is
			// new to the page history, fetched and sent.
			try (StaticSite warm = StaticSite.start(siteRoot, 0)) {
				crawler.crawl(profile(warm, "warmup", 0, 1, 300));
			}
			for (int concurrency : List.of(1, 4)) {
				try (StaticSite site = StaticSite.start(siteRoot, 0)) {
					Instant start = Instant.now();
					CrawlSummary fast = crawler.crawl(profile(site, "load", 0, concurrency, 100_000));
					Duration took = Duration.between(start, Instant.now());
					System.out.printf(
							"politeness off, %d at once: %d pages fetched, %d sent to Kafka (acks=all, each acknowledged) "
									+ "in %.1f s: %.0f pages/s%n",
							concurrency, fast.pagesFetched(), fast.pagesSent(), took.toMillis() / 1000.0,
							fast.pagesFetched() * 1000.0 / took.toMillis());
				}
			}

			try (StaticSite site = StaticSite.start(siteRoot, 0)) {
				crawler.crawl(profile(site, "polite", delayMs, 1, 100));
				List<StaticSite.Request> requests = site.requests();
				List<Long> gaps = new ArrayList<>();
				for (int i = 1; i < requests.size(); i++) {
					gaps.add(Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis());
				}
				gaps.sort(Long::compare);
				System.out.printf(
						"delayMs=%d: %d requests (robots.txt included), spacing min %d ms, median %d ms, "
								+ "max %d ms%n",
						delayMs, requests.size(), gaps.get(0), gaps.get(gaps.size() / 2), gaps.get(gaps.size() - 1));
				if (gaps.get(0) < delayMs) {
					// Thrown, not System.exit, so the servers are closed on the way out.
					throw new IllegalStateException("a request came " + gaps.get(0)
							+ " ms after the one before, sooner than " + delayMs + " ms");
				}
			}
		}
	}

	private static SiteProfile profile(StaticSite site, String id, int delayMs, int concurrency, int maxPages) {
		return new SiteProfile(id, null, List.of(site.baseUri().resolve("/list/index.html")), null, null, null, null,
				maxPages, delayMs, concurrency, true);
	}

	/**
	 * A listing paginated by createPageHTML, 20 rows a page, and {@code pages} detail
	 * pages of about 5 KB.
	 */
	private static Path generateSite(Path root, int pages) throws IOException {
		Path list = Files.createDirectories(root.resolve("list"));
		String paragraph = "为进一步推进社区嵌入式养老服务设施建设，我委会同有关部门认真研究办理，现答复如下。".repeat(40);
		int listingPages = (pages + 19) / 20;
		for (int l = 0; l < listingPages; l++) {
			StringBuilder listing = new StringBuilder("<html><body><ul>");
			for (int p = l * 20; p < Math.min(pages, (l + 1) * 20); p++) {
				listing.append("<li><a href=\"t").append(p).append(".html\">答复").append(p).append("</a></li>");
				Files.writeString(list.resolve("t" + p + ".html"),
						"<html><body><div><p>第" + p + "号</p><p>" + paragraph + "</p></div></body></html>");
			}
			listing.append("</ul><script>createPageHTML(")
				.append(listingPages)
				.append(", ")
				.append(l)
				.append(", \"index\", \"html\");</script></body></html>");
			Files.writeString(list.resolve(l == 0 ? "index.html" : "index_" + l + ".html"), listing.toString());
		}
		return root;
	}

	/**
	 * Where the crawls keep their page history and frontier, and the servers to stop when
	 * done.
	 */
	private record CrawlState(PageHistory history, Frontier frontier, AutoCloseable servers) implements AutoCloseable {

		static CrawlState inMemory() {
			return new CrawlState(PageHistory.inMemory(), Frontier.inMemory(), () -> {
			});
		}

		/**
		 * A real Elasticsearch (the {@code deploy/local} one) and the service's indices.
		 */
		static CrawlState inElasticsearch(Path target, Path work) throws IOException, InterruptedException {
			Path distribution;
			try (Stream<Path> files = Files.list(target)) {
				distribution = files.filter(file -> file.getFileName().toString().startsWith("elasticsearch-"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("no Elasticsearch distribution in " + target));
			}
			LocalElasticsearch elasticsearch = LocalElasticsearch.start(distribution, work.resolve("elasticsearch"),
					Ports.free(), Ports.free(), false);
			ConfigurableApplicationContext client = new SpringApplicationBuilder(ElasticsearchClientConfiguration.class)
				.web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run("--dafu.elasticsearch.uris=" + elasticsearch.uri(), "--spring.main.banner-mode=off");
			ElasticsearchClient es = client.getBean(ElasticsearchClient.class);
			ElasticsearchDocuments<PageHistory.PageState> states = PageHistory.states(es);
			ElasticsearchDocuments<Frontier.Entry> entries = Frontier.entries(es);
			states.createIndexIfMissing();
			entries.createIndexIfMissing();
			return new CrawlState(PageHistory.inElasticsearch(states), Frontier.inElasticsearch(entries), () -> {
				client.close();
				elasticsearch.close();
			});
		}

		@Override
		public void close() throws Exception {
			this.servers.close();
		}

	}

}
