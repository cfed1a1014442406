package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.crawler.CrawlerApplication;
import dev.dafu.enricher.EnricherApplication;
import dev.dafu.example.ReplySubscriber;
import dev.dafu.indexer.IndexerApplication;
import dev.dafu.local.StaticSite;
import dev.dafu.parser.ParserApplication;
import dev.dafu.parser.ReplyParser;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * The whole pipeline on real Kafka and Elasticsearch: the five services crawl the public
 * corpus site, served over HTTP, plus a page that looks like a reply but cannot be read;
 * a user then finds every reply through the search API, and a downstream consumer sees
 * every reply announced.
 */
@ExtendWith(RealServers.class)
class PipelineIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNode EXPECTED = TestCorpus.PUBLIC.expected();

	private static final String BAD_PAGE = "/jytabl/bad/t20240101_0000001.html";

	private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);

	private static final String OPERATOR_PASSWORD = "replay-test-secret";

	@TempDir
	static Path siteFolder;

	static StaticSite site;

	static Services services;

	static SearchClient search;

	static ConfigurableApplicationContext indexer;

	static ConfigurableApplicationContext searchService;

	static ConfigurableApplicationContext enricher;

	static ConfigurableApplicationContext parser;

	static ConfigurableApplicationContext crawlerService;

	@BeforeAll
	static void crawlTheCorpusSite() throws IOException {
		TestCorpus.PUBLIC.write(siteFolder);
		Files.createDirectories(siteFolder.resolve("jytabl/bad"));
		Files.writeString(siteFolder.resolve(BAD_PAGE.substring(1)), """
				<html><head><meta charset="utf-8"><title>对市十六届人大二次会议第9999号代表建议的答复</title></head>
				<body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1>
				<div class="content"><p>（正文缺失）</p><p>（页面不完整）</p></div></body></html>
				""", StandardCharsets.UTF_8);
		Files.writeString(siteFolder.resolve("jytabl/bad/index.html"),
				"<html><body><a href=\"t20240101_0000001.html\">第9999号代表建议的答复</a></body></html>");
		site = StaticSite.start(siteFolder, 0);

		services = new Services("replies-pipeline-it");
		String password = "--DAFU_OPERATOR_PASSWORD=" + OPERATOR_PASSWORD;
		indexer = services.start(IndexerApplication.application(), password);
		searchService = services.start(SearchApplication.application(), password);
		search = new SearchClient(Services.port(searchService));
		enricher = services.start(EnricherApplication.application(), password);
		parser = services.start(ParserApplication.application(), password);
		List<String> crawler = new ArrayList<>(
				List.of(password, "--dafu.crawler.crawl-on-startup=true", "--dafu.crawler.sites[0].id=corpus",
						"--dafu.crawler.sites[0].allow-private-network=true", "--dafu.crawler.sites[0].delay-ms=0"));
		List<String> startPages = new ArrayList<>();
		EXPECTED.get("listingPageUrls").forEach(url -> startPages.add(url.asText()));
		startPages.add("/jytabl/bad/index.html");
		for (int i = 0; i < startPages.size(); i++) {
			crawler.add("--dafu.crawler.sites[0].start-urls[" + i + "]=" + site.baseUri().resolve(startPages.get(i)));
		}
		crawlerService = services.start(CrawlerApplication.application(), crawler.toArray(String[]::new));
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
	void everyReplyBecomesSearchableWithItsDocumentNumber() {
		for (JsonNode expected : EXPECTED.get("replies")) {
			String phrase = expected.get("bodyPhrases").get(0).asText();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				JsonNode result = ourSearch(phrase);
				assertThat(result.get("total").asLong()).as(phrase).isEqualTo(1);
				JsonNode hit = result.get("items").get(0);
				assertThat(squash(hit.get("documentNumber").asText()))
					.isEqualTo(squash(expected.get("documentNumber").asText()));
				assertThat(hit.get("issuer").asText()).isEqualTo(expected.get("issuer").asText());
				assertThat(hit.get("replyDate").asText()).isEqualTo(expected.get("replyDate").asText());
			});
		}
	}

	@Test
	void everyCrawledReplyIsSearchableWithWhatTheEnricherReadOutOfIt() {
		for (JsonNode expected : EXPECTED.get("replies")) {
			String phrase = expected.get("bodyPhrases").get(0).asText();
			String number = expected.get("submission").get("number").asText().replaceFirst("^0+", "");
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				JsonNode items = ourSearch(phrase).get("items");
				assertThat(items).as(phrase).hasSize(1);
				JsonNode reply = search.reply(items.get(0).get("id").asText());
				JsonNode enrichment = reply.get("enrichment");
				assertThat(enrichment).as(phrase).isNotNull();
				assertThat(enrichment.get("version").asText()).isNotBlank();
				assertThat(enrichment.get("submissionKey").asText())
					.endsWith("|" + expected.get("submission").get("kind").asText() + "|" + number);
				assertThat(enrichment.get("keywords").size()).isPositive();
				assertThat(enrichment.get("summary").asText()).isNotBlank();
				assertThat(enrichment.get("fingerprint").asText()).matches("[0-9a-f]{16}");
				assertThat(enrichment.get("entities").get("organizations").toString())
					.contains(expected.get("issuer").asText());
				assertThat(enrichment.get("level").asText()).isIn("NATIONAL", "PROVINCE", "CITY");
				JsonNode listed = items.get(0).get("enrichment");
				for (String field : List.of("summary", "keywords", "topics", "level", "submissionKey")) {
					assertThat(listed.get(field)).as("the list shows " + field).isEqualTo(enrichment.get(field));
				}
				assertThat(listed.has("entities")).as("a list leaves out the entities").isFalse();
				assertThat(items.get(0).get("submission").get("subject").asText())
					.isEqualTo(expected.get("submission").get("subject").asText());
			});
		}
	}

	@Test
	void repliesToOneSubmissionShareItsKeyAndARepublishedCopyIsLinkedToItsOriginal() throws Exception {
		JsonNode links = TestCorpus.LINKS.expected();
		JsonNode submission = links.get("sameSubmission").get(0);
		JsonNode duplicate = links.get("nearDuplicates").get(0);
		String originalUrl = site.baseUri().resolve(duplicate.get("original").get("url").asText()).toString();
		String coHandlerUrl = site.baseUri().resolve(submission.get("replies").get(0).get("url").asText()).toString();
		JsonNode original = await().atMost(PIPELINE_TIMEOUT).until(() -> byUrl(originalUrl), Objects::nonNull);
		JsonNode coHandler = await().atMost(PIPELINE_TIMEOUT).until(() -> byUrl(coHandlerUrl), Objects::nonNull);

		// Pages of another portal, republished after the originals, as its crawl sends
		// them.
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (String page : List.of("t20240724_6120701.html", "t20240719_6004402.html",
					duplicate.get("copy").get("url").asText())) {
				String url = "http://portal.test/" + page;
				ObjectNode crawled = JSON.createObjectNode()
					.put("url", url)
					.put("site", "portal")
					.put("fetchedAt", "2024-08-01T00:00:00Z")
					.put("status", 200)
					.put("contentType", "text/html; charset=utf-8")
					.put("content", Base64.getEncoder().encodeToString(TestCorpus.LINKS.page("/" + page)));
				producer.send(new ProducerRecord<>("crawl.pages", url, JSON.writeValueAsBytes(crawled))).get();
			}
		}

		JsonNode copy = await().atMost(PIPELINE_TIMEOUT)
			.until(() -> byUrl("http://portal.test/" + duplicate.get("copy").get("url").asText()), Objects::nonNull);
		assertThat(copy.get("id").asText()).as("another reply by the identity rule")
			.isNotEqualTo(original.get("id").asText());
		assertThat(copy.get("nearDuplicateOf").asText()).isEqualTo(original.get("id").asText());
		assertThat(original.get("nearDuplicateOf")).isNull();
		String key = coHandler.get("enrichment").get("submissionKey").asText();
		assertThat(key).endsWith("|SUGGESTION|" + submission.get("submission").get("number").asText());
		for (String page : List.of("t20240724_6120701.html", "t20240719_6004402.html")) {
			JsonNode reply = await().atMost(PIPELINE_TIMEOUT)
				.until(() -> byUrl("http://portal.test/" + page), Objects::nonNull);
			assertThat(reply.get("enrichment").get("submissionKey").asText()).as(page).isEqualTo(key);
			assertThat(reply.get("nearDuplicateOf")).as(page).isNull();
		}
	}

	/**
	 * A search among the crawled site's replies: other tests add copies of its texts from
	 * another portal.
	 */
	private static JsonNode ourSearch(String phrase) {
		return SearchClient
			.json(search.get("/api/replies?site=corpus&q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8)), 200);
	}

	/** The reply the search API serves under {@code url}, null when none. */
	private static JsonNode byUrl(String url) {
		for (JsonNode item : search.search("", 1, 100).get("items")) {
			for (JsonNode itemUrl : item.get("urls")) {
				if (itemUrl.asText().equals(url)) {
					return item;
				}
			}
		}
		return null;
	}

	@Test
	void onlyRepliesAreIndexedAndTheReplyPublishedTwiceIsOneDocumentWithBothUrls() {
		JsonNode duplicate = null;
		for (JsonNode expected : EXPECTED.get("replies")) {
			if (expected.get("urls").size() > 1) {
				duplicate = expected;
			}
		}
		assertThat(duplicate).as("the corpus has a reply under two URLs").isNotNull();
		List<String> urls = new ArrayList<>();
		duplicate.get("urls").forEach(url -> urls.add(site.baseUri().resolve(url.asText()).toString()));
		String phrase = duplicate.get("bodyPhrases").get(0).asText();

		await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
			JsonNode hit = ourSearch(phrase).get("items").get(0);
			assertThat(hit).isNotNull();
			List<String> found = new ArrayList<>();
			hit.get("urls").forEach(url -> found.add(url.asText()));
			assertThat(found).containsExactlyInAnyOrderElementsOf(urls);
		});
		Set<String> expectedNumbers = new HashSet<>();
		EXPECTED.get("replies").forEach(reply -> expectedNumbers.add(squash(reply.get("documentNumber").asText())));
		await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
			Set<String> crawledNumbers = new HashSet<>();
			for (JsonNode item : search.search("", 1, 100).get("items")) {
				String url = item.get("urls").get(0).asText();
				if (url.startsWith(site.baseUri().toString()) && !url.contains("/replay/")) {
					crawledNumbers.add(squash(item.get("documentNumber").asText()));
				}
			}
			assertThat(crawledNumbers).as("the replies of the crawled site, and nothing else from it")
				.isEqualTo(expectedNumbers);
		});
	}

	@Test
	void aPageThatCannotBeReadLandsOnTheDeadLetterTopicWithItsReason() {
		String badUrl = site.baseUri().resolve(BAD_PAGE).toString();
		try (KafkaConsumer<String, byte[]> dlq = Topics.consumer("crawl.pages.dlq", new ByteArrayDeserializer())) {
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				records.addAll(Topics.poll(dlq));
				assertThat(records).extracting(ConsumerRecord::key).contains(badUrl);
			});
			ConsumerRecord<String, byte[]> bad = records.stream().filter(r -> r.key().equals(badUrl)).findFirst().get();
			assertThat(header(bad, "x-exception-message")).contains("no issuer").contains(badUrl);
			assertThat(header(bad, "x-original-topic")).isEqualTo("crawl.pages");
			Schemas.assertValid("crawled-page.v1.schema.json", JSON.readTree(bad.value()));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void robotsTxtKeepsTheCrawlerOutOfForbiddenPages() {
		await().atMost(PIPELINE_TIMEOUT)
			.untilAsserted(() -> assertThat(site.requestedPaths()).contains("/robots.txt", BAD_PAGE));
		for (JsonNode forbidden : EXPECTED.get("forbiddenUrls")) {
			assertThat(site.requestedPaths()).doesNotContain(forbidden.asText());
		}
	}

	@Test
	void everyReplyIsAnnouncedOnceAsACloudEventThatFollowsTheSchema() {
		Set<String> expectedNumbers = new HashSet<>();
		EXPECTED.get("replies").forEach(reply -> expectedNumbers.add(squash(reply.get("documentNumber").asText())));
		// By ce_id, as a subscriber drops a repeat: another test sends one event again.
		Map<String, CloudEvent> created = new LinkedHashMap<>();
		Map<String, CloudEvent> updated = new LinkedHashMap<>();
		try (KafkaConsumer<String, CloudEvent> events = Topics.consumer("replies.published",
				new CloudEventDeserializer())) {
			List<ConsumerRecord<String, CloudEvent>> heard = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				heard.addAll(Topics.poll(events));
				created.clear();
				updated.clear();
				for (ConsumerRecord<String, CloudEvent> record : heard) {
					CloudEvent event = record.value();
					if (!ourSite(data(event)) || isReplay(data(event))) {
						continue; // a reply of another test, announced on the same topic
					}
					assertThat(event.getSubject()).isEqualTo(record.key());
					if (event.getType().equals("reply.created.v1")) {
						created.put(event.getId(), event);
					}
					else if (event.getType().equals("reply.updated.v1")) {
						updated.put(event.getId(), event);
					}
				}
				assertThat(created).hasSize(expectedNumbers.size());
				assertThat(updated).hasSize(1);
			});
		}
		Set<String> announcedNumbers = new HashSet<>();
		for (CloudEvent event : created.values()) {
			JsonNode data = data(event);
			Schemas.assertValidAgainst(event.getDataSchema(), data);
			assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
			assertThat(event.getSource().toString()).isEqualTo("/dafu/indexer");
			assertThat(event.getDataContentType()).isEqualTo("application/json");
			announcedNumbers.add(squash(data.get("documentNumber").asText()));
		}
		assertThat(announcedNumbers).isEqualTo(expectedNumbers);
		CloudEvent update = updated.values().iterator().next();
		JsonNode merged = data(update);
		Schemas.assertValidAgainst(update.getDataSchema(), merged);
		assertThat(merged.get("urls")).hasSize(2);
	}

	@Test
	void theReadmesSampleSubscriberHearsOfEveryReplyAndDropsARepeatedEvent() throws Exception {
		Set<String> expectedNumbers = new HashSet<>();
		EXPECTED.get("replies").forEach(reply -> expectedNumbers.add(squash(reply.get("documentNumber").asText())));
		Set<String> heardNumbers = new HashSet<>();
		try (ReplySubscriber subscriber = new ReplySubscriber(RealServers.kafkaBootstrapServers(),
				"it-subscriber-" + UUID.randomUUID(), "replies.published")) {
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				subscriber.poll((type, replyId, replyJson) -> {
					JsonNode reply = readJson(replyJson);
					if (type.equals("reply.created.v1") && ourSite(reply)) {
						assertThat(reply.get("id").asText()).isEqualTo(replyId);
						heardNumbers.add(squash(reply.get("documentNumber").asText()));
					}
				});
				// Another test replays a dead-lettered reply of this site.
				assertThat(heardNumbers).containsAll(expectedNumbers);
			});

			// The latest event of one of the replies comes again, as after a
			// redelivery, followed by an event of another reply.
			ConsumerRecord<String, byte[]> latest = null;
			try (KafkaConsumer<String, byte[]> events = Topics.consumer("replies.published",
					new ByteArrayDeserializer())) {
				Map<String, ConsumerRecord<String, byte[]>> latestOfOurs = new HashMap<>();
				await().atMost(PIPELINE_TIMEOUT).until(() -> {
					for (ConsumerRecord<String, byte[]> record : Topics.poll(events)) {
						if (ourSite(readJson(new String(record.value(), StandardCharsets.UTF_8)))) {
							latestOfOurs.put(record.key(), record);
						}
					}
					return latestOfOurs.size() >= expectedNumbers.size();
				});
				latest = latestOfOurs.values().iterator().next();
			}
			String other = "it-subscriber-other-" + UUID.randomUUID();
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
					new StringSerializer(), new ByteArraySerializer())) {
				producer.send(new ProducerRecord<>("replies.published", null, latest.key(), latest.value(),
						latest.headers()));
				ProducerRecord<String, byte[]> next = new ProducerRecord<>("replies.published", null, other,
						"{}".getBytes(StandardCharsets.UTF_8), latest.headers());
				next.headers().remove("ce_id").add("ce_id", (other + "-1").getBytes(StandardCharsets.UTF_8));
				producer.send(next).get();
			}
			List<String> heardAfter = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				subscriber.poll((type, replyId, replyJson) -> heardAfter.add(replyId));
				assertThat(heardAfter).contains(other);
			});
			assertThat(heardAfter).doesNotContain(latest.key());
		}
	}

	private static boolean ourSite(JsonNode reply) {
		JsonNode urls = reply.get("urls");
		return urls != null && urls.size() > 0 && urls.get(0).asText().startsWith(site.baseUri().toString());
	}

	/**
	 * Whether {@code reply} is one the dead-letter test replays onto the crawled site.
	 */
	private static boolean isReplay(JsonNode reply) {
		return reply.get("urls").get(0).asText().contains("/replay/");
	}

	private static JsonNode readJson(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void everyServiceAnswersKubernetesProbesWithoutCredentials() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (ConfigurableApplicationContext service : List.of(crawlerService, parser, enricher, indexer,
				searchService)) {
			for (String probe : List.of("liveness", "readiness")) {
				URI uri = URI.create("http://127.0.0.1:" + Services.port(service) + "/actuator/health/" + probe);
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
				assertThat(answer.body()).as(uri.toString()).contains("\"status\":\"UP\"");
			}
		}
	}

	@Test
	void everyServiceServesItsMetricsToAPrometheusThatSignsIn() throws Exception {
		Map<ConfigurableApplicationContext, List<String>> expected = Map.of(crawlerService,
				List.of("spring_cloud_stream_binder_kafka_offset{application=\"dafu-crawler\",group=\"dafu-crawler\""),
				parser,
				List.of("dafu_parser_pages_total{application=\"dafu-parser\",outcome=\"reply\"",
						"spring_cloud_stream_binder_kafka_offset{application=\"dafu-parser\",group=\"dafu-parser\""),
				enricher,
				List.of("spring_cloud_stream_binder_kafka_offset{application=\"dafu-enricher\",group=\"dafu-enricher\""),
				indexer,
				List.of("dafu_indexer_batch_size_records_count", "dafu_indexer_bulk_seconds_bucket",
						"dafu_indexer_changes_total{application=\"dafu-indexer\",kind=\"created\"",
						"spring_cloud_stream_binder_kafka_offset{application=\"dafu-indexer\",group=\"dafu-indexer\""),
				searchService, List.of("http_server_requests_seconds_bucket{application=\"dafu-search\""));
		await().atMost(PIPELINE_TIMEOUT).until(() -> search.search("", 1, 1).get("total").asInt() > 0);
		HttpClient http = HttpClient.newHttpClient();
		for (ConfigurableApplicationContext service : expected.keySet()) {
			HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(metricsOf(service)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).as(metricsOf(service).toString()).isEqualTo(401);
		}
		// What deploy/monitoring's alerts and dashboard read is served (up is
		// Prometheus's own).
		List<String> read = Monitoring.metricsRead().stream().filter(name -> !name.equals("up")).toList();
		await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
			Set<String> served = new HashSet<>();
			for (Map.Entry<ConfigurableApplicationContext, List<String>> service : expected.entrySet()) {
				HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(metricsOf(service.getKey()))
					.header("Authorization", Services.operatorAuthorization(OPERATOR_PASSWORD))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(scraped.statusCode()).isEqualTo(200);
				assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
				assertThat(scraped.body()).as(metricsOf(service.getKey()).toString()).contains(service.getValue());
				scraped.body()
					.lines()
					.filter(line -> !line.startsWith("#") && !line.isBlank())
					.forEach(line -> served.add(line.split("[{ ]", 2)[0]));
			}
			assertThat(served).as("metrics the services serve").containsAll(read);
		});
	}

	private static URI metricsOf(ConfigurableApplicationContext service) {
		return URI.create("http://127.0.0.1:" + Services.port(service) + "/actuator/prometheus");
	}

	@Test
	void theServicesMakeOnlyTheTopicsTheDesignNames() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()))) {
			// Tests may make their own topics, named it-…
			assertThat(admin.listTopics().names().get()).filteredOn(topic -> !topic.startsWith("it-"))
				.isSubsetOf(Topics.DESIGNED)
				.contains("crawl.pages", "replies.parsed", "replies.enriched", "replies.published");
		}
	}

	@Test
	void theMessagesBetweenTheServicesFollowTheirSchemas() {
		assertFirstRecordValid("replies.parsed", "reply.v1.schema.json");
		assertFirstRecordValid("replies.enriched", "enriched-reply.v1.schema.json");
	}

	@Test
	void anOperatorListsDeadLettersByReasonAndReplaysThoseOfAReasonOnce() throws Exception {
		String oldFailure = site.baseUri().resolve("/replay/old.html").toString();
		String currentFailure = site.baseUri().resolve("/replay/current.html").toString();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			deadLetter(producer, oldFailure, "海关总署", "署建复〔2024〕77号",
					"reply has no issuer [url=" + oldFailure + ", extractor=0.0.1]");
			deadLetter(producer, currentFailure, "海关总署", "署建复〔2024〕78号", "reply has no issuer [url=" + currentFailure
					+ ", extractor=" + ReplyParser.EXTRACTOR_VERSION + "]");
		}
		HttpClient http = HttpClient.newHttpClient();
		String api = "http://127.0.0.1:" + Services.port(crawlerService) + "/api/dead-letters";

		assertThat(http.send(HttpRequest.newBuilder(URI.create(api)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(401);
		JsonNode listed = JSON.readTree(operatorCall("GET", api).body());
		JsonNode pages = listed.get(0);
		assertThat(pages.get("topic").asText()).isEqualTo("crawl.pages.dlq");
		assertThat(pages.get("reasons")).anySatisfy(reason -> {
			assertThat(reason.get("reason").asText()).isEqualTo("reply has no issuer (答复单位)");
			assertThat(reason.get("count").asLong()).isGreaterThanOrEqualTo(1);
		});
		assertThat(pages.get("reasons")).anySatisfy(reason -> {
			assertThat(reason.get("reason").asText()).isEqualTo("reply has no issuer");
			assertThat(reason.get("count").asLong()).isGreaterThanOrEqualTo(2);
		});

		HttpResponse<String> replayed = operatorCall("POST",
				api + "/replay?topic=crawl.pages.dlq&reason=extractor%3D0.0.1");
		HttpResponse<String> again = operatorCall("POST",
				api + "/replay?topic=crawl.pages.dlq&reason=extractor%3D0.0.1");
		HttpResponse<String> unknown = operatorCall("POST", api + "/replay?topic=crawl.pages");

		assertThat(JSON.readTree(replayed.body()).get("replayed").asLong()).as(replayed.body()).isEqualTo(1);
		assertThat(JSON.readTree(again.body()).get("replayed").asLong()).as("never twice").isZero();
		assertThat(unknown.statusCode()).isEqualTo(400);
		await().atMost(PIPELINE_TIMEOUT)
			.untilAsserted(() -> assertThat(search.search("署建复〔2024〕77号", 1, 10).get("total").asInt()).isEqualTo(1));
		assertThat(search.search("署建复〔2024〕78号", 1, 10).get("total").asInt()).isZero();

		// A page the parser still cannot read fails again, and is counted so.
		String badUrl = site.baseUri().resolve(BAD_PAGE).toString();
		String[] replayId = new String[1];
		await().atMost(PIPELINE_TIMEOUT).until(() -> {
			JsonNode replay = JSON.readTree(operatorCall("POST", api + "/replay?reason=" + badUrl).body());
			replayId[0] = replay.get("replayId").asText();
			return replay.get("replayed").asLong() == 1;
		});
		await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
			JsonNode status = JSON.readTree(operatorCall("GET", api + "/replays/" + replayId[0]).body());
			assertThat(status.get("replayed").asLong()).isEqualTo(1);
			assertThat(status.get("failedAgain").asLong()).isEqualTo(1);
		});
		assertThat(JSON.readTree(operatorCall("GET", api).body()).get(0).get("failedAgain").asLong())
			.isGreaterThanOrEqualTo(1);
	}

	private static HttpResponse<String> operatorCall(String method, String uri) throws Exception {
		return Services.operatorCall(method, URI.create(uri), OPERATOR_PASSWORD);
	}

	@Test
	void aReplyWhosePageDisappearsIsWithdrawnNotDeletedAndAnnounced() throws Exception {
		JsonNode expected = EXPECTED.get("replies").get(0);
		String path = expected.get("urls").get(0).asText();
		String phrase = expected.get("bodyPhrases").get(0).asText();
		String id = await().atMost(PIPELINE_TIMEOUT).until(() -> {
			JsonNode items = ourSearch(phrase).get("items");
			return items.isEmpty() ? null : items.get(0).get("id").asText();
		}, found -> found != null);
		Files.delete(siteFolder.resolve(path.substring(1)));
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest crawlNow = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + Services.port(crawlerService) + "/api/sites/corpus/crawls"))
			.header("Authorization", Services.operatorAuthorization(OPERATOR_PASSWORD))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		try (KafkaConsumer<String, CloudEvent> events = Topics.consumer("replies.published",
				new CloudEventDeserializer())) {
			await().atMost(PIPELINE_TIMEOUT)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> http.send(crawlNow, HttpResponse.BodyHandlers.discarding()).statusCode() == 202);

			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				JsonNode reply = SearchClient.json(search.get("/api/replies/" + id), 200);
				assertThat(reply.get("withdrawnAt").isTextual()).as(reply.toString()).isTrue();
				assertThat(reply.get("goneUrls").get(0).asText()).endsWith(path);
				assertThat(reply.get("body").asText()).as("kept, not deleted").contains(phrase);
			});
			List<CloudEvent> withdrawn = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, CloudEvent> record : Topics.poll(events)) {
					if (record.value().getType().equals("reply.withdrawn.v1")) {
						withdrawn.add(record.value());
					}
				}
				assertThat(withdrawn).singleElement().satisfies(event -> assertThat(event.getSubject()).isEqualTo(id));
			});
			Schemas.assertValid("reply.v1.schema.json", data(withdrawn.get(0)));
		}
		assertThat(ourSearch(phrase).get("total").asInt()).as("still found, marked withdrawn").isEqualTo(1);
		try (KafkaConsumer<String, byte[]> gone = Topics.consumer("pages.gone", new ByteArrayDeserializer())) {
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				records.addAll(Topics.poll(gone));
				assertThat(records).isNotEmpty();
			});
			Schemas.assertValid("page-gone.v1.schema.json", JSON.readTree(records.get(0).value()));
			assertThat(records.get(0).key()).endsWith(path);
		}
	}

	/**
	 * A dead letter as the parser's binder writes it: the page, its key, and the reason.
	 */
	private static void deadLetter(KafkaProducer<String, byte[]> producer, String url, String issuer,
			String documentNumber, String reason) throws Exception {
		String html = "<html><body><div><p>办理结果：A</p><p>" + issuer + "</p><p>" + documentNumber
				+ "</p><p>对十四届全国人大二次会议第5001号建议的答复</p><p>张三代表：</p><p>您提出的建议收悉。</p><p>" + issuer
				+ "</p><p>2024年7月1日</p></div></body></html>";
		ObjectNode page = JSON.createObjectNode()
			.put("url", url)
			.put("site", "corpus")
			.put("fetchedAt", "2024-07-02T00:00:00Z")
			.put("status", 200)
			.put("contentType", "text/html; charset=utf-8")
			.put("content", Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
		ProducerRecord<String, byte[]> record = new ProducerRecord<>("crawl.pages.dlq", url,
				JSON.writeValueAsBytes(page));
		record.headers().add("x-exception-message", reason.getBytes(StandardCharsets.UTF_8));
		record.headers().add("x-original-topic", "crawl.pages".getBytes(StandardCharsets.UTF_8));
		producer.send(record).get();
	}

	private static void assertFirstRecordValid(String topic, String schema) {
		try (KafkaConsumer<String, byte[]> consumer = Topics.consumer(topic, new ByteArrayDeserializer())) {
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				records.addAll(Topics.poll(consumer));
				assertThat(records).isNotEmpty();
			});
			JsonNode value = JSON.readTree(records.get(0).value());
			Schemas.assertValid(schema, value);
			assertThat(records.get(0).key()).matches("[0-9a-f]{32}");
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static JsonNode data(CloudEvent event) {
		try {
			return JSON.readTree(event.getData().toBytes());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static String squash(String text) {
		return text.replaceAll("[\\s\\u3000]+", "");
	}

}
