package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Contact;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Section;
import dev.dafu.reply.Submission;
import dev.dafu.search.SearchApplication;
import dev.dafu.testsupport.RealServers;
import dev.dafu.text.ChineseSegmenter;

/** The search API against a real Elasticsearch, as a search user sees it. */
@ExtendWith(RealServers.class)
class SearchApiIT {

	private static final String INDEX = "replies-search-it";

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	static Services services;

	static SearchClient search;

	static ElasticsearchClient elasticsearch;

	static ReplyIndexer indexer;

	static Reply science;

	static Reply transport;

	static Reply housing;

	@BeforeAll
	static void indexThreeReplies() throws IOException {
		services = new Services(INDEX);
		ConfigurableApplicationContext app = services.start(SearchApplication.application());
		search = new SearchClient(Services.port(app));
		elasticsearch = app.getBean(ElasticsearchClient.class);
		ReplyIndex index = app.getBean(ReplyIndex.class);
		index.createOrUpdate();
		indexer = new ReplyIndexer(elasticsearch, index, new SimpleMeterRegistry());

		science = reply("上海市科学技术委员会", "沪科建复〔2024〕34号", "对市十六届人大二次会议 第0671号代表建议的答复", LocalDate.of(2024, 6, 21),
				"打造具有世界影响力的科技创新中心，加快科学基础研究实现全球突破。");
		transport = reply("交通运输部", "交建复字〔2024〕第207号", "对十四届全国人大二次会议第1059号建议的答复", LocalDate.of(2024, 4, 23),
				"全国累计盘活共享停车泊位2461个，推进公交站台无障碍改造。");
		housing = reply("河南省住房和城乡建设厅", "豫建建复字〔2023〕第152号", "对省十四届人大一次会议第1010号代表建议的答复函", LocalDate.of(2023, 5, 18),
				"建设智慧养老服务平台，推进社区嵌入式养老服务设施建设。");
		ReplyIndexer.Outcome indexed = indexer.index(Stream.of(science, transport, housing)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), null))
			.toList());
		assertThat(indexed.changes()).hasSize(3);
		elasticsearch.indices().refresh(r -> r.index(INDEX));
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void withoutAQueryRepliesComeNewestFirstPageByPage() {
		JsonNode first = search.search("", 1, 2);
		JsonNode second = search.search("", 2, 2);

		assertThat(first.get("total").asInt()).isEqualTo(3);
		assertThat(titles(first)).containsExactly(science.title(), transport.title());
		assertThat(titles(second)).containsExactly(housing.title());
		assertThat(second.get("page").asInt()).isEqualTo(2);
		assertThat(second.get("size").asInt()).isEqualTo(2);
	}

	@Test
	void findsRepliesByChineseWordsAndByExactPhrases() {
		assertThat(titles(search.search("科技创新", 1, 10))).containsExactly(science.title());
		assertThat(titles(search.search("养老服务", 1, 10))).containsExactly(housing.title());
		assertThat(titles(search.search("盘活共享停车泊位2461个", 1, 10))).containsExactly(transport.title());
		assertThat(search.search("量子计算机", 1, 10).get("total").asInt()).isZero();
	}

	@Test
	void findsRepliesByDocumentNumberOrIssuer() {
		assertThat(titles(search.search("沪科建复〔2024〕34号", 1, 10))).containsExactly(science.title());
		assertThat(titles(search.search("交建复字", 1, 10))).containsExactly(transport.title());
		assertThat(titles(search.search("河南省住房和城乡建设厅", 1, 10))).containsExactly(housing.title());
	}

	@Test
	void answersFollowThePublicSchemaAndHideIndexInternals() {
		JsonNode items = search.search("", 1, 10).get("items");
		for (JsonNode item : items) {
			Schemas.assertValid("reply.v1.schema.json", item);
			assertThat(item.has("words")).isFalse();
			assertThat(item.has("contentHash")).isFalse();
		}
	}

	@Test
	void readsOneReplyByIdAndSays404ForAnUnknownOne() {
		JsonNode reply = SearchClient.json(search.get("/api/replies/" + science.id()), 200);
		assertThat(reply.get("documentNumber").asText()).isEqualTo(science.documentNumber());
		assertThat(reply.get("body").asText()).isEqualTo(science.body());

		JsonNode problem = SearchClient.json(search.get("/api/replies/0123456789abcdef0123456789abcdef"), 404);
		assertThat(problem.get("detail").asText()).contains("no reply with id");
	}

	@Test
	void badParametersGetAClearError() {
		assertThat(SearchClient.json(search.get("/api/replies?size=0"), 400).get("detail").asText())
			.contains("size must be between 1 and 100");
		assertThat(SearchClient.json(search.get("/api/replies?page=0"), 400).get("detail").asText())
			.contains("page must be 1 or more");
		assertThat(SearchClient.json(search.get("/api/replies?page=600&size=20"), 400).get("detail").asText())
			.contains("must not exceed 10000");
		assertThat(SearchClient.json(search.get("/api/replies?q=" + "答".repeat(201)), 400).get("detail").asText())
			.contains("not be longer than 200");
		assertThat(search.get("/api/replies?size=abc").statusCode()).isEqualTo(400);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aMalformedOrHugeQueryGetsProblemDetailsAndLogsNoError(CapturedOutput log) throws IOException {
		String malformed = search.raw("/api/replies?q=%E4%zz");
		String huge = search.raw("/api/replies?q=" + "%E7%AD%94".repeat(10_000));

		assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/problem+json");
		assertThat(huge).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.contains("not be longer than 200");
		assertThat(log.getOut() + log.getErr()).doesNotContain(" ERROR ");
	}

	@Test
	void queryLikeTextIsMatchedAsTextNotRunAsASearchExpression() {
		for (String hostile : List.of("*", "*:*", "title:* OR body:*", "\"}{\\", "<script>alert(1)</script>")) {
			assertThat(search.search(hostile, 1, 10).get("total").asInt()).as(hostile).isZero();
		}
	}

	@Test
	void servesTheSearchPageWithAPolicyThatRunsOnlyItsOwnScripts() {
		HttpResponse<String> page = search.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form id=\"search\"");
		assertThat(page.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
	}

	@Test
	void healthIsOpenButMetricsAreTheOperatorsOnly() {
		assertThat(search.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(search.get("/actuator/metrics").statusCode()).isEqualTo(401);
	}

	static Reply reply(String issuer, String documentNumber, String title, LocalDate date, String body) {
		String id = ReplyIdentity.of(issuer, documentNumber, title);
		return new Reply(id, List.of("http://site.test/" + id + ".html"), List.of(), "test", title, documentNumber,
				issuer, new Submission(Submission.Kind.SUGGESTION, "1", "市十六届人大二次会议", null, List.of("张三")),
				HandlingResult.of("A"), "主动公开", date, date.plusDays(3),
				new Contact("李四", "021-12345678", "人民大道200号", "200003"), List.of("市政府办公厅"),
				List.of(new Section("一、办理概述", body)), body, Map.of("索引号", "000-2024-1"), "test", List.of(), null, null,
				null, null);
	}

	private static List<String> titles(JsonNode page) {
		List<String> titles = new ArrayList<>();
		page.get("items").forEach(item -> titles.add(item.get("title").asText()));
		return titles;
	}

}
