package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
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
 * The whole pipeline on real Kafka and Elasticsearch: the five services crawl the public
 * corpus site, served over HTTP, plus a page that looks like a reply but cannot be read;
 * a user then finds every reply through the search API, and a downstream consumer sees
 * every reply announced.
 */
@ExtendWith(RealServers.class)
class PipelineIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNode EXPECTED = TestCorpus.expected();

	private static final String BAD_PAGE = "/jytabl/bad/t20240101_0000001.html";

	private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	static Path siteFolder;

	static StaticSite site;

	static Services services;

	static SearchClient search;

	@BeforeAll
	static void crawlTheCorpusSite() throws IOException {
		TestCorpus.writeSite(siteFolder);
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
		services.start(IndexerApplication.application());
		search = new SearchClient(Services.port(services.start(SearchApplication.application())));
		services.start(EnricherApplication.application());
		services.start(ParserApplication.application());
		List<String> crawler = new ArrayList<>(
				List.of("--dafu.crawler.crawl-on-startup=true", "--dafu.crawler.sites[0].id=corpus"));
		List<String> startPages = new ArrayList<>();
		EXPECTED.get("listingPageUrls").forEach(url -> startPages.add(url.asText()));
		startPages.add("/jytabl/bad/index.html");
		for (int i = 0; i < startPages.size(); i++) {
			crawler.add("--dafu.crawler.sites[0].start-urls[" + i + "]=" + site.baseUri().resolve(startPages.get(i)));
		}
		services.start(CrawlerApplication.application(), crawler.toArray(String[]::new));
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
				JsonNode result = search.search(phrase, 1, 10);
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
			JsonNode hit = search.search(phrase, 1, 10).get("items").get(0);
			assertThat(hit).isNotNull();
			List<String> found = new ArrayList<>();
			hit.get("urls").forEach(url -> found.add(url.asText()));
			assertThat(found).containsExactlyInAnyOrderElementsOf(urls);
		});
		await().atMost(PIPELINE_TIMEOUT)
			.untilAsserted(() -> assertThat(search.search("", 1, 1).get("total").asInt())
				.isEqualTo(EXPECTED.get("replies").size()));
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
		List<CloudEvent> created = new ArrayList<>();
		List<CloudEvent> updated = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> events = Topics.consumer("replies.published",
				new CloudEventDeserializer())) {
			await().atMost(PIPELINE_TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, CloudEvent> record : Topics.poll(events)) {
					CloudEvent event = record.value();
					assertThat(event.getSubject()).isEqualTo(record.key());
					(event.getType().equals("reply.created.v1") ? created : updated).add(event);
				}
				assertThat(created).hasSize(expectedNumbers.size());
				assertThat(updated).hasSize(1);
			});
		}
		Set<String> announcedNumbers = new HashSet<>();
		for (CloudEvent event : created) {
			JsonNode data = data(event);
			Schemas.assertValid("reply.v1.schema.json", data);
			assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
			assertThat(event.getSource().toString()).isEqualTo("/dafu/indexer");
			assertThat(event.getDataContentType()).isEqualTo("application/json");
			announcedNumbers.add(squash(data.get("documentNumber").asText()));
		}
		assertThat(announcedNumbers).isEqualTo(expectedNumbers);
		JsonNode merged = data(updated.get(0));
		Schemas.assertValid("reply.v1.schema.json", merged);
		assertThat(merged.get("urls")).hasSize(2);
	}

	@Test
	void theMessagesBetweenTheServicesFollowTheirSchemas() {
		assertFirstRecordValid("replies.parsed", "reply.v1.schema.json");
		assertFirstRecordValid("replies.enriched", "enriched-reply.v1.schema.json");
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
