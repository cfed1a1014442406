package dev.dafu.indexer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.local.LocalElasticsearch;
import dev.dafu.local.LocalKafka;
import dev.dafu.local.Ports;
import dev.dafu.local.Readiness;
import dev.dafu.local.ServerProcess;
import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Submission;
import dev.dafu.search.ReplySearch;
import dev.dafu.search.ReplySummary;
import dev.dafu.search.SearchFilters;
import dev.dafu.search.SearchQuery;
import dev.dafu.text.ChineseSegmenter;

/**
 * The search API under a steady load, side by side with the same searches sent straight
 * to Elasticsearch in the same run: Elasticsearch and the search service as the local run
 * starts them, an index of {@code replies} replies made from the demo site's (each a
 * corpus reply under another issuer, number and date, with its figures changed), enriched
 * and indexed by the real enricher and indexer. Then, at each of {@code rates} searches a
 * second each way, API, direct and the search page interleaved, over a mix of searches
 * users make (the words of a suggestion's title, a topic with a filter, a document
 * number, filters alone, a phrase with an exclusion), each timed from when it was due to
 * when its answer was read. Direct searches send the very request the API builds
 * ({@link ReplySearch#request}).
 */
public final class SearchLoadRun {

	private static final String ALIAS = "replies";

	private static final List<String> ISSUERS = List.of("上海市教育委员会", "上海市卫生健康委员会", "上海市科学技术委员会", "上海市交通委员会", "北京市生态环境局",
			"河南省住房和城乡建设厅", "湖北省农业农村厅", "江苏省教育厅", "浙江省经济和信息化厅", "武汉市交通运输局", "郑州市教育局", "交通运输部", "教育部", "生态环境部", "农业农村部",
			"财政部", "国家卫生健康委员会", "广东省科学技术厅", "成都市民政局", "杭州市卫生健康委员会");

	private SearchLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		ServerProcess.stopChildrenOnExit();
		Path target = Path.of(args.length > 0 ? args[0] : "deploy/local/target");
		int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		List<Integer> rates = Arrays.stream((args.length > 2 ? args[2] : "5,10").split(","))
			.map(Integer::parseInt)
			.toList();
		int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
		Path work = Files.createTempDirectory("dafu-search-load");
		List<Reply> base = demoReplies(Path.of("deploy/local/demo-site"));
		IndexerLoadRun.say("Read " + base.size() + " replies from the demo site.");
		ServerProcess search = null;
		try (LocalKafka kafka = LocalKafka.start(target.resolve("kafka/libs"), work.resolve("kafka"), Ports.free(),
				Ports.free(), false);
				LocalElasticsearch elasticsearch = LocalElasticsearch.start(IndexerLoadRun.distribution(target),
						work.resolve("elasticsearch"), Ports.free(), Ports.free(), false)) {
			ElasticsearchClient client = IndexerLoadRun.client(elasticsearch.uri().toString());
			ReplyIndex index = new ReplyIndex(client, ALIAS);
			index.createOrUpdate();
			index(client, index, base, count);
			IndexerLoadRun.say("Indexed " + client.count(c -> c.index(ALIAS)).count() + " replies.");

			search = PipelineLoadRun.startService("search", kafka.bootstrapServers(), elasticsearch.uri().toString(),
					work);
			Readiness.awaitHttpOk(search, PipelineLoadRun.healthUri(search), Duration.ofSeconds(240));
			URI service = URI.create("http://127.0.0.1:" + PipelineLoadRun.PORTS.get("search"));

			List<Searched> searches = searches(base, 400);
			ReplySearch direct = new ReplySearch(client, index, new ChineseSegmenter());
			List<SearchRequest> requests = searches.stream().map(each -> each.request(direct)).toList();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

			IndexerLoadRun.say("Warming up for 60 s ...");
			run(http, service, client, searches, requests, rates.get(0), 60);
			for (int rate : rates) {
				IndexerLoadRun.say(String.format("At %d searches/s each way for %d s:", rate, seconds));
				Map<String, List<Long>> latencies = run(http, service, client, searches, requests, rate, seconds);
				latencies.values().forEach(Collections::sort);
				report("search API", latencies.get("api"));
				report("Elasticsearch direct", latencies.get("direct"));
				report("search page", latencies.get("page"));
				IndexerLoadRun.say(String.format("  API p99 / direct p99 = %.2f; page p50 / API p50 = %.2f",
						ratio(latencies.get("api"), latencies.get("direct"), 99),
						ratio(latencies.get("page"), latencies.get("api"), 50)));
			}
			client._transport().close();
		}
		finally {
			if (search != null) {
				search.close();
			}
		}
	}

	private static double ratio(List<Long> sorted, List<Long> reference, int percentile) {
		return PipelineLoadRun.percentile(sorted, percentile)
				/ (double) Math.max(1, PipelineLoadRun.percentile(reference, percentile));
	}

	private static void report(String what, List<Long> sorted) {
		if (sorted.isEmpty()) {
			throw new IllegalStateException(what + ": no search answered");
		}
		IndexerLoadRun.say(String.format("  %-21s %d searches, p50 %d ms, p99 %d ms, max %d ms", what, sorted.size(),
				PipelineLoadRun.percentile(sorted, 50), PipelineLoadRun.percentile(sorted, 99),
				sorted.get(sorted.size() - 1)));
	}

	/** The replies on the demo site's detail pages. */
	private static List<Reply> demoReplies(Path site) throws Exception {
		ReplyParser parser = new ReplyParser(10 * 1024 * 1024);
		List<Reply> replies = new ArrayList<>();
		try (Stream<Path> files = Files.walk(site.resolve("jytabl"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().matches("t\\d+_\\d+\\.html"))
				.sorted()
				.toList()) {
				try {
					replies.addAll(parser.parse(new CrawledPage("http://demo.test/" + site.relativize(file), "demo",
							Instant.now(), 200, "text/html", Files.readAllBytes(file))));
				}
				catch (RuntimeException ex) {
					// a page the parser cannot read (the demo site has some on purpose)
				}
			}
		}
		return replies;
	}

	/** Indexes {@code count} replies made from {@code base}, enriched, 1 000 a batch. */
	private static void index(ElasticsearchClient client, ReplyIndex index, List<Reply> base, int count)
			throws Exception {
		ReplyEnricher enricher = new ReplyEnricher(new ChineseSegmenter());
		ReplyIndexer indexer = new ReplyIndexer(client, index, new SimpleMeterRegistry());
		Instant start = Instant.now();
		for (int from = 0; from < count; from += 1000) {
			List<ReplyIndexer.Incoming> batch = IntStream.range(from, Math.min(count, from + 1000))
				.parallel()
				.mapToObj(i -> new ReplyIndexer.Incoming(enricher.enrich(variant(base.get(i % base.size()), i)), null))
				.toList();
			indexer.index(batch);
			if (from % 10_000 == 0) {
				IndexerLoadRun.say(String.format("  %d replies indexed, %.0f s", from,
						IndexerLoadRun.seconds(Duration.between(start, Instant.now()))));
			}
		}
		client.indices().refresh(r -> r.index(ALIAS));
	}

	/**
	 * Reply {@code i}: {@code reply} under another issuer, number and date, its figures
	 * changed.
	 */
	static Reply variant(Reply reply, int i) {
		Random random = new Random(i);
		String issuer = ISSUERS.get(random.nextInt(ISSUERS.size()));
		String number = String.valueOf(1000 + i);
		String documentNumber = "文复〔" + (2018 + i % 8) + "〕" + number + "号";
		String title = reply.title().replaceAll("第\\s*[A-Za-z]*\\d+号", "第" + number + "号");
		LocalDate date = LocalDate.of(2018 + i % 8, 1 + random.nextInt(12), 1 + random.nextInt(28));
		StringBuilder body = new StringBuilder();
		for (char c : reply.body().toCharArray()) {
			body.append(Character.isDigit(c) ? (char) ('0' + random.nextInt(10)) : c);
		}
		Submission submission = reply.submission();
		String id = ReplyIdentity.of(issuer, documentNumber, title);
		return new Reply(id, List.of("http://load.test/" + id + ".html"), List.of(), "load", title, documentNumber,
				issuer,
				new Submission(submission.kind(), number, submission.session(), submission.subject(),
						submission.proposers()),
				reply.handlingResult(), reply.disclosure(), date, date.plusDays(7), reply.contact(), reply.cc(),
				reply.sections(), body.toString(), reply.metadata(), reply.extractorVersion(), List.of(), null,
				Instant.now(), null, null);
	}

	/** {@code n} searches of the kinds users make, drawn from {@code base}. */
	private static List<Searched> searches(List<Reply> base, int n) {
		Random random = new Random(42);
		List<Searched> searches = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Reply reply = base.get(random.nextInt(base.size()));
			String subject = reply.submission().subject() == null ? reply.title() : reply.submission().subject();
			String words = subject.replaceFirst("^关于", "").replaceFirst("的(建议|提案)$", "");
			MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
			String q;
			switch (i % 5) {
				case 0 -> q = words;
				case 1 -> {
					q = words.substring(Math.max(0, words.length() - 6));
					params.add("kind", reply.submission().kind().name());
				}
				case 2 -> q = "文复〔" + (2018 + random.nextInt(8)) + "〕" + (1000 + random.nextInt(100_000)) + "号";
				case 3 -> {
					q = null;
					params.add("year", String.valueOf(2018 + random.nextInt(8)));
					params.add("level", List.of("CITY", "PROVINCE", "NATIONAL").get(random.nextInt(3)));
				}
				default -> q = "\"" + words.substring(Math.max(0, words.length() - 4)) + "\" -建设";
			}
			searches.add(new Searched(q, params));
		}
		return searches;
	}

	/**
	 * Sends {@code rate} searches a second through the API, as many straight to
	 * Elasticsearch and as many to the search page, interleaved, for {@code seconds};
	 * answers each way's latencies in milliseconds, from when each search was due.
	 */
	private static Map<String, List<Long>> run(HttpClient http, URI service, ElasticsearchClient client,
			List<Searched> searches, List<SearchRequest> requests, int rate, int seconds) throws Exception {
		List<String> ways = List.of("api", "direct", "page");
		Map<String, List<Long>> latencies = new LinkedHashMap<>();
		ways.forEach(way -> latencies.put(way, Collections.synchronizedList(new ArrayList<>())));
		int total = ways.size() * rate * seconds;
		long periodNanos = 1_000_000_000L / ((long) ways.size() * rate);
		ScheduledExecutorService senders = Executors.newScheduledThreadPool(16);
		CountDownLatch done = new CountDownLatch(total);
		long start = System.nanoTime() + 100_000_000L;
		for (int k = 0; k < total; k++) {
			int which = k / ways.size() % searches.size();
			String way = ways.get(k % ways.size());
			long due = start + k * periodNanos;
			senders.schedule(() -> {
				try {
					if (way.equals("direct")) {
						client.search(requests.get(which), ReplySummary.class);
					}
					else {
						String path = way.equals("api") ? "/api/replies" : "/search";
						HttpResponse<byte[]> response = http
							.send(HttpRequest.newBuilder(service.resolve(path + searches.get(which).queryString()))
								.build(), HttpResponse.BodyHandlers.ofByteArray());
						if (response.statusCode() != 200) {
							throw new IllegalStateException(path + " answered " + response.statusCode());
						}
					}
					latencies.get(way).add((System.nanoTime() - due) / 1_000_000);
				}
				catch (Exception ex) {
					IndexerLoadRun.say("search failed: " + ex);
				}
				finally {
					done.countDown();
				}
			}, due - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		done.await();
		senders.shutdown();
		return latencies;
	}

	/** One search: its words and filters. */
	private record Searched(String q, MultiValueMap<String, String> params) {

		String queryString() {
			StringBuilder query = new StringBuilder("?size=20");
			if (this.q != null) {
				query.append("&q=").append(URLEncoder.encode(this.q, StandardCharsets.UTF_8));
			}
			this.params.forEach((name,
					values) -> values.forEach(value -> query.append('&')
						.append(name)
						.append('=')
						.append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
			return query.toString();
		}

		SearchRequest request(ReplySearch search) {
			SearchQuery query = SearchQuery.parse(this.q);
			return search.request(query, SearchFilters.of(this.params), ReplySearch.Sort.of(null, query),
					new ReplySearch.Paging(1, 20, null), 10);
		}

	}

}
