package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.dafu.crawler.CrawlerApplication;
import dev.dafu.enricher.EnricherApplication;
import dev.dafu.indexer.IndexerApplication;
import dev.dafu.local.StaticSite;
import dev.dafu.parser.ParserApplication;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * A site unlike the corpus, as a new operator meets it: registered through the operator
 * API with nothing but its home page and crawled once through all five services. Every
 * reply it holds (in layout tables, Word markup, DOCX, DOC, WPS, PDF and OFD files,
 * behind script-loaded listings, in the sitemap only) reaches search with its fields, no
 * other page does, and the crawl's record counts what reached search.
 */
@ExtendWith(RealServers.class)
class VariedSiteIT {

	private static final JsonNode EXPECTED = TestCorpus.VARIED.expected();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);

	private static final String PASSWORD = "varied-site-secret";

	@TempDir
	static Path siteFolder;

	static StaticSite site;

	static Services services;

	static SearchClient search;

	static URI crawler;

	static JsonNode crawl;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@BeforeAll
	static void registerTheSiteAndCrawlIt() throws Exception {
		site = StaticSite.start(TestCorpus.VARIED.write(siteFolder), 0);
		services = new Services("replies-varied-site-it");
		services.start(IndexerApplication.application());
		search = new SearchClient(Services.port(services.start(SearchApplication.application())));
		services.start(EnricherApplication.application());
		services.start(ParserApplication.application());
		crawler = URI.create("http://127.0.0.1:" + Services
			.port(services.start(CrawlerApplication.application(), "--DAFU_OPERATOR_PASSWORD=" + PASSWORD)));

		String profile = """
				{"id": "varied-it", "name": "综合政务公开平台", "startUrls": ["%s"], "delayMs": 0,
				 "allowPrivateNetwork": true}
				""".formatted(site.baseUri().resolve("/index.html"));
		assertThat(operator("POST", "/api/sites", profile).statusCode()).isEqualTo(201);
		HttpResponse<String> started = operator("POST", "/api/sites/varied-it/crawls", null);
		assertThat(started.statusCode()).isEqualTo(202);
		String crawlPath = started.headers().firstValue("Location").orElseThrow();
		await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode record = SearchClient.json(operator("GET", crawlPath, null), 200);
			assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
			assertThat(record.get("awaitingParser").asLong()).as(record.toString()).isZero();
			crawl = record;
		});
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
		if (site != null) {
			site.close();
		}
	}

	@Test
	void everyReplyReachesSearchWithItsFields() {
		for (JsonNode expected : EXPECTED.get("replies")) {
			String phrase = expected.get("bodyPhrases").get(0).asText();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				JsonNode result = search.search(phrase, 1, 10);
				assertThat(result.get("total").asLong()).as(phrase).isEqualTo(1);
				JsonNode hit = search.reply(result.get("items").get(0).get("id").asText());
				String pattern = expected.get("pattern").asText();
				assertThat(hit.get("title").asText()).as(pattern).isEqualTo(expected.get("title").asText());
				assertThat(hit.get("issuer").asText()).as(pattern).isEqualTo(expected.get("issuer").asText());
				assertThat(text(hit.get("documentNumber"))).as(pattern).isEqualTo(text(expected.get("documentNumber")));
				assertThat(hit.get("replyDate").asText()).as(pattern).isEqualTo(expected.get("replyDate").asText());
				assertThat(hit.at("/submission/number").asText()).as(pattern)
					.isEqualTo(expected.at("/submission/number").asText());
				assertThat(text(hit.at("/contact/unit"))).as(pattern).isEqualTo(text(expected.at("/contact/unit")));
				assertThat(urls(hit.get("urls"))).as(pattern).containsExactlyElementsOf(urls(expected.get("urls")));
				assertThat(urls(hit.get("partUrls"))).as(pattern)
					.containsExactlyElementsOf(urls(expected.get("partUrls")));
			});
		}
	}

	@Test
	void noOtherPageReachesSearch() {
		await().atMost(PIPELINE_TIMEOUT)
			.untilAsserted(() -> assertThat(search.search("", 1, 100).get("total").asLong())
				.isEqualTo(EXPECTED.get("replies").size()));
	}

	@Test
	void theCrawlsRecordCountsWhatReachedSearch() {
		JsonNode parsed = crawl.get("parsed");
		Set<String> pages = new HashSet<>();
		EXPECTED.get("replies").forEach(reply -> pages.add(reply.get("urls").get(0).asText()));

		assertThat(parsed.get("replies").asLong()).isEqualTo(EXPECTED.get("replies").size());
		assertThat(parsed.get("pagesWithReplies").asLong()).isEqualTo(pages.size());
		assertThat(parsed.get("deadLettered").asLong()).isZero();
		assertThat(parsed.get("pagesRead").asLong()).isEqualTo(crawl.at("/summary/newReplies").asLong());
		assertThat(parsed.get("notReplies").asLong()).isEqualTo(parsed.get("pagesRead").asLong() - pages.size());
		assertThat(parsed.get("reasons")).allSatisfy(reason -> {
			assertThat(reason.get("result").asText()).isEqualTo("NOT_A_REPLY");
			assertThat(reason.get("exampleUrl").asText()).startsWith(site.baseUri().toString());
		});
	}

	@Test
	void everyPageOutcomeFollowsItsSchemaAndIsKeyedByItsPage() throws IOException {
		String crawlId = crawl.get("id").asText();
		List<JsonNode> outcomes = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = Topics.consumer("crawl.pages.outcomes",
				new ByteArrayDeserializer())) {
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : Topics.poll(consumer)) {
					JsonNode outcome = JSON.readTree(record.value());
					if (outcome.get("crawlId").asText().equals(crawlId)) {
						assertThat(record.key()).isEqualTo(outcome.get("url").asText());
						outcomes.add(outcome);
					}
				}
				assertThat(outcomes.stream().map(outcome -> outcome.get("url").asText()).distinct())
					.hasSize(crawl.get("parsed").get("pagesRead").asInt());
			});
		}
		outcomes.forEach(outcome -> Schemas.assertValid("page-outcome.v1.schema.json", outcome));
	}

	private static HttpResponse<String> operator(String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(crawler.resolve(path))
			.header("Authorization", Services.operatorAuthorization(PASSWORD))
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> urls(JsonNode array) {
		List<String> urls = new ArrayList<>();
		array.forEach(url -> urls.add(url.asText().startsWith("/") ? site.baseUri() + url.asText() : url.asText()));
		return urls;
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
	}

}
