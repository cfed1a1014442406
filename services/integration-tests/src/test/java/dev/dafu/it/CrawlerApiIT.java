package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.crawler.CrawlerApplication;
import dev.dafu.local.StaticSite;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * The operator API of the crawler, on real Elasticsearch and Kafka, as an operator uses
 * it: two crawler instances share the state, so what one registers or starts the other
 * sees.
 */
@ExtendWith(RealServers.class)
class CrawlerApiIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "api-test-secret";

	/**
	 * Every crawler instance of these tests: its own topics, schedules looked at each
	 * second.
	 */
	private static final String[] CRAWLER_ARGS = { "--DAFU_OPERATOR_PASSWORD=" + PASSWORD,
			"--dafu.crawler.schedule-tick=1s",
			"--spring.cloud.stream.bindings.crawledPages-out-0.destination=crawl.pages.crawler-api-it",
			"--spring.cloud.stream.bindings.gonePages-out-0.destination=pages.gone.crawler-api-it" };

	@TempDir
	static Path siteFolder;

	static StaticSite site;

	static Services services;

	static URI first;

	static URI second;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startTwoCrawlers() throws Exception {
		site = StaticSite.start(TestCorpus.PUBLIC.write(siteFolder), 0);
		services = new Services("replies-crawler-api-it");
		first = URI.create(
				"http://127.0.0.1:" + Services.port(services.start(CrawlerApplication.application(), CRAWLER_ARGS)));
		second = URI.create(
				"http://127.0.0.1:" + Services.port(services.start(CrawlerApplication.application(), CRAWLER_ARGS)));
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
	void theApiIsTheOperatorsOnly() throws Exception {
		HttpResponse<String> anonymous = this.http.send(HttpRequest.newBuilder(first.resolve("/api/sites")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("corpus");
	}

	@Test
	void servesTheOperatorPageToTheOperatorAndRefusesChangesFromOtherSites() throws Exception {
		HttpResponse<String> anonymous = this.http.send(HttpRequest.newBuilder(first.resolve("/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);

		HttpResponse<String> home = send("GET", first, "/", null);
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/operator.html"));
		HttpResponse<String> page = send("GET", first, "/operator.html", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Dafu crawler", "operator.js");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'self'; frame-ancestors 'none'");
		assertThat(send("GET", first, "/operator.js", null).body()).contains("textContent");

		HttpRequest forged = authorised(first.resolve("/api/sites/none-such/crawls"))
			.header("Origin", "http://evil.test")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> refused = this.http.send(forged, HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("another site");
		HttpRequest fromThePage = authorised(first.resolve("/api/sites/none-such/crawls"))
			.header("Sec-Fetch-Site", "same-origin")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		assertThat(this.http.send(fromThePage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
	}

	@Test
	void refusesAProfileItCannotUseAndSaysWhy() throws Exception {
		assertThat(send("POST", first, "/api/sites", profile("Bad Id", "http://x.test/", null)).body()).contains("id");
		assertThat(send("POST", first, "/api/sites", profile("bad-url", "ftp://x.test/", null)).body())
			.contains("startUrls: ftp://x.test/ is not an absolute http(s) URL");
		assertThat(send("POST", first, "/api/sites", profile("bad-cron", "http://x.test/", "every day")).body())
			.contains("schedule: 'every day' is not a cron expression");
		HttpResponse<String> badJson = send("POST", first, "/api/sites", "{not json");
		assertThat(badJson.statusCode()).isEqualTo(400);
		assertThat(send("POST", first, "/api/sites/none-such/crawls", "").statusCode()).isEqualTo(404);
		String tooLong = "a".repeat(4100);
		for (String path : List.of("/api/sites/" + tooLong, "/api/crawls/" + tooLong)) {
			assertThat(send("GET", first, path, null).statusCode()).as("GET a long id").isEqualTo(404);
			assertThat(send("DELETE", first, path, null).statusCode()).as("DELETE a long id").isEqualTo(404);
		}
		assertThat(send("POST", first, "/api/sites/" + tooLong + "/crawls", "").statusCode()).isEqualTo(404);
	}

	@Test
	void registersASiteOnOneInstanceAndCrawlsItFromTheOther() throws Exception {
		HttpResponse<String> created = send("POST", first, "/api/sites",
				profile("corpus-api", site.baseUri() + "/index.html", null));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(send("POST", first, "/api/sites", profile("corpus-api", site.baseUri() + "/index.html", null))
			.statusCode()).isEqualTo(200);
		assertThat(json(send("GET", second, "/api/sites/corpus-api", null)).get("startUrls").get(0).asText())
			.endsWith("/index.html");

		HttpResponse<String> started = send("POST", second, "/api/sites/corpus-api/crawls", "");
		assertThat(started.statusCode()).isEqualTo(202);
		String location = started.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(json(send("GET", first, location, null)).get("state").asText())
				.isEqualTo("SUCCEEDED"));

		JsonNode crawl = json(send("GET", first, location, null));
		int replies = TestCorpus.PUBLIC.expected().get("replies").size();
		assertThat(crawl.at("/summary/newReplies").asInt()).isGreaterThan(replies);
		assertThat(crawl.at("/summary/updatedReplies").asInt()).isZero();
		assertThat(crawl.at("/summary/errorsByKind/http-404").asInt()).isEqualTo(1);
		assertThat(crawl.at("/summary/skippedByRobots").asInt()).isEqualTo(1);
		assertThat(crawl.get("trigger").asText()).isEqualTo("manual");
		JsonNode sent = json(send("GET", second,
				"/actuator/metrics/dafu.crawler.urls?tag=site:corpus-api&tag=kind:detail&tag=result:new", null));
		assertThat(sent.at("/measurements/0/value").asInt())
			.as("the crawl's pages on the metrics of the instance that ran it")
			.isEqualTo(crawl.at("/summary/newReplies").asInt());
		assertThat(json(send("GET", first, "/api/sites/corpus-api/crawls", null)).findValuesAsText("id"))
			.contains(crawl.get("id").asText());

		HttpResponse<String> startedAgain = send("POST", first, "/api/sites/corpus-api/crawls", "");
		assertThat(startedAgain.statusCode()).as(startedAgain.body()).isEqualTo(202);
		String again = startedAgain.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(json(send("GET", second, again, null)).get("state").asText())
				.isEqualTo("SUCCEEDED"));
		JsonNode incremental = json(send("GET", second, again, null));
		assertThat(incremental.at("/summary/newReplies").asInt() + incremental.at("/summary/updatedReplies").asInt())
			.as("nothing changed, nothing sent")
			.isZero();
		assertThat(incremental.at("/summary/pagesUnchanged").asInt())
			.isEqualTo(crawl.at("/summary/newReplies").asInt());
	}

	@Test
	void cancelsARunningCrawl() throws Exception {
		send("POST", first, "/api/sites",
				profile("slow", site.baseUri() + "/index.html", null).replace("\"delayMs\":0", "\"delayMs\":2000"));
		String location = send("POST", first, "/api/sites/slow/crawls", "").headers()
			.firstValue("Location")
			.orElseThrow();

		HttpResponse<String> another = send("POST", second, "/api/sites/slow/crawls", "");
		assertThat(another.statusCode()).as("one crawl of a site at a time, across instances").isEqualTo(409);
		assertThat(another.body()).contains("being crawled already");
		assertThat(send("DELETE", second, location, null).statusCode()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode crawl = json(send("GET", first, location, null));
			assertThat(crawl.get("state").asText()).isEqualTo("CANCELLED");
			assertThat(crawl.at("/summary/stoppedEarly").asText()).as("the crawl itself stopped, on the other instance")
				.isEqualTo("cancelled");
		});
	}

	@Test
	void aScheduleFiresOnceAcrossInstances() throws Exception {
		Instant registered = Instant.now();
		send("POST", first, "/api/sites", profile("scheduled", site.baseUri() + "/jytabl/none.html", "*/2 * * * * *"));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(json(send("GET", second, "/api/sites/scheduled/crawls", null)).size())
				.isGreaterThanOrEqualTo(3));
		JsonNode crawls = json(send("GET", first, "/api/sites/scheduled/crawls", null));
		long elapsed = Duration.between(registered, Instant.now()).toSeconds();
		assertThat(send("DELETE", first, "/api/sites/scheduled", null).statusCode()).isEqualTo(204);

		// Both instances look every second; a schedule every 2 s must give one crawl per
		// fire time, not two.
		assertThat(crawls.size()).isLessThanOrEqualTo((int) (elapsed / 2) + 1);
		for (JsonNode crawl : crawls) {
			assertThat(crawl.get("trigger").asText()).isEqualTo("schedule");
			assertThat(crawl.get("id").asText()).matches("scheduled@\\d+");
		}
	}

	@Test
	void resumesACrawlWhoseCrawlerFellSilentAndGivesUpOnOneThatKeepsStopping() throws Exception {
		send("POST", first, "/api/sites", profile("orphaned", site.baseUri() + "/jytabl/none.html", null));
		writeCrawlRecord("lost-1", 0);
		writeCrawlRecord("lost-2", 3);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode resumed = json(send("GET", second, "/api/crawls/lost-1", null));
			assertThat(resumed.get("state").asText()).isEqualTo("SUCCEEDED");
			assertThat(resumed.get("resumes").asInt()).isEqualTo(1);
			JsonNode givenUp = json(send("GET", second, "/api/crawls/lost-2", null));
			assertThat(givenUp.get("state").asText()).isEqualTo("FAILED");
			assertThat(givenUp.get("message").asText()).contains("stopped 4 times without finishing it");
		});
		assertThat(send("POST", first, "/api/sites/orphaned/crawls", "").statusCode()).isEqualTo(202);
	}

	/** A crawl record as a crawler that crashed long ago left it. */
	private void writeCrawlRecord(String id, int resumes) throws Exception {
		String lost = "{\"id\":\"" + id + "\",\"siteId\":\"orphaned\",\"state\":\"RUNNING\",\"trigger\":\"manual\","
				+ "\"queuedAt\":\"2026-01-01T00:00:00Z\",\"startedAt\":\"2026-01-01T00:00:01Z\","
				+ "\"heartbeatAt\":\"2026-01-01T00:00:01Z\",\"owner\":\"crashed\",\"resumes\":" + resumes + "}";
		HttpResponse<String> written = this.http.send(HttpRequest
			.newBuilder(RealServers.elasticsearchUri().resolve("/dafu-crawls/_doc/" + id + "?refresh=true"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(lost))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(written.statusCode()).as(written.body()).isBetween(200, 201);
	}

	@Test
	void twoCrawlsOfOneHostOnTwoInstancesTakeTurnsAndKeepItsDelay(@TempDir Path folder) throws Exception {
		try (StaticSite shared = StaticSite.start(TestCorpus.PUBLIC.write(folder), 0)) {
			for (String id : List.of("shared-a", "shared-b")) {
				send("POST", first, "/api/sites", profile(id, shared.baseUri() + "/index.html", null)
					.replace("\"delayMs\":0", "\"delayMs\":200,\"maxPages\":12"));
			}
			String a = send("POST", first, "/api/sites/shared-a/crawls", "").headers()
				.firstValue("Location")
				.orElseThrow();
			String b = send("POST", second, "/api/sites/shared-b/crawls", "").headers()
				.firstValue("Location")
				.orElseThrow();

			Set<String> messages = new HashSet<>();
			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				JsonNode crawlA = json(send("GET", first, a, null));
				JsonNode crawlB = json(send("GET", first, b, null));
				messages.add(crawlA.path("message").asText());
				messages.add(crawlB.path("message").asText());
				assertThat(crawlA.get("state").asText()).isEqualTo("SUCCEEDED");
				assertThat(crawlB.get("state").asText()).isEqualTo("SUCCEEDED");
			});
			assertThat(messages).as("the operator sees why the second crawl waits")
				.anySatisfy(message -> assertThat(message).startsWith("waiting for host 127.0.0.1:"));
			List<StaticSite.Request> requests = shared.requests();
			assertThat(requests).hasSizeGreaterThanOrEqualTo(24);
			for (int i = 1; i < requests.size(); i++) {
				assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
					.as("request %d (%s) to the shared host", i, requests.get(i).path())
					.isGreaterThanOrEqualTo(Duration.ofMillis(200));
			}
		}
	}

	@Test
	void aCrawlWhoseCrawlerStopsMidWayIsResumedByAnotherWithoutFetchingAgain(@TempDir Path folder) throws Exception {
		try (StaticSite slow = StaticSite.start(TestCorpus.PUBLIC.write(folder), 0)) {
			ConfigurableApplicationContext leaving = services.start(CrawlerApplication.application(), CRAWLER_ARGS);
			URI third = URI.create("http://127.0.0.1:" + Services.port(leaving));
			send("POST", third, "/api/sites", profile("restarted", slow.baseUri() + "/index.html", null)
				.replace("\"delayMs\":0", "\"delayMs\":100"));
			String location = send("POST", third, "/api/sites/restarted/crawls", "").headers()
				.firstValue("Location")
				.orElseThrow();
			await().atMost(Duration.ofSeconds(30)).until(() -> slow.requests().size() >= 20);

			leaving.close();
			int fetchedBeforeStop = slow.requests().size();

			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
				JsonNode crawl = json(send("GET", first, location, null));
				assertThat(crawl.get("state").asText()).isEqualTo("SUCCEEDED");
				assertThat(crawl.get("resumes").asInt()).isEqualTo(1);
			});
			JsonNode crawl = json(send("GET", second, location, null));
			List<String> paths = slow.requestedPaths().stream().filter(path -> !path.equals("/robots.txt")).toList();
			assertThat(fetchedBeforeStop).isLessThan(slow.requests().size());
			assertThat(paths.size() - new HashSet<>(paths).size())
				.as("only the page in flight when its crawler stopped is fetched again")
				.isLessThanOrEqualTo(1);
			assertThat(crawl.at("/summary/newReplies").asInt() + crawl.at("/summary/pagesUnchanged").asInt())
				.as("the summary counts the pages of both runs")
				.isGreaterThan(TestCorpus.PUBLIC.expected().get("replies").size());
		}
	}

	@Test
	void describesItselfInOpenApi() throws Exception {
		HttpResponse<String> docs = send("GET", first, "/v3/api-docs", null);

		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/sites", "/api/crawls/{crawlId}");
	}

	private static String profile(String id, String startUrl, String schedule) {
		return "{\"id\":\"" + id + "\",\"startUrls\":[\"" + startUrl + "\"],\"delayMs\":0,\"allowPrivateNetwork\":true"
				+ (schedule == null ? "" : ",\"schedule\":\"" + schedule + "\"") + "}";
	}

	private static HttpRequest.Builder authorised(URI uri) {
		return HttpRequest.newBuilder(uri).header("Authorization", Services.operatorAuthorization(PASSWORD));
	}

	private HttpResponse<String> send(String method, URI instance, String path, String body) throws Exception {
		HttpRequest.Builder request = authorised(instance.resolve(path)).header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

}
