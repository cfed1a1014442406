package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.Contact;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Section;
import dev.dafu.reply.Submission;
import dev.dafu.testsupport.RealServers;
import dev.dafu.text.ChineseSegmenter;

/** The search API against a real Elasticsearch, as a search user sees it. */
@ExtendWith(RealServers.class)
class SearchApiIT {

	private static final String INDEX = "replies-search-it";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	static Services services;

	static SearchClient search;

	static Reply science;

	static Reply transport;

	static Reply housing;

	@BeforeAll
	static void indexThreeReplies() throws IOException {
		science = reply("上海市科学技术委员会", "沪科建复〔2024〕34号", "对市十六届人大二次会议 第0671号代表建议的答复", LocalDate.of(2024, 6, 21),
				new Submission(Submission.Kind.SUGGESTION, "0671", "市十六届人大二次会议", "关于加快建设具有全球影响力的科技创新中心的建议",
						List.of("张三")),
				"A", "打造具有世界影响力的科技创新中心，加快科学基础研究实现全球突破。");
		transport = reply("交通运输部", "交建复字〔2024〕第207号", "对十四届全国人大二次会议第1059号建议的答复", LocalDate.of(2024, 4, 23),
				new Submission(Submission.Kind.SUGGESTION, "1059", "十四届全国人大二次会议", null, List.of("王五")), "A",
				"全国累计盘活共享停车泊位2461个，推进公交站台无障碍改造。");
		housing = reply("河南省住房和城乡建设厅", "豫建建复字〔2023〕第152号", "关于省政协十三届一次会议第1010号提案的答复", LocalDate.of(2023, 5, 18),
				new Submission(Submission.Kind.PROPOSAL, "1010", "省政协十三届一次会议", null, List.of("民盟河南省委")), "B",
				"建设<b>智慧养老</b>服务平台，推进社区嵌入式养老服务设施建设。");
		services = new Services(INDEX);
		search = new SearchClient(Services.port(services.startSearchOver(Stream.of(science, transport, housing)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), null))
			.toList())));
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
	void answersFollowThePublicSchemasAndHideIndexInternals() {
		JsonNode items = search.search("", 1, 10).get("items");
		for (JsonNode item : items) {
			Schemas.assertValid("reply-summary.v1.schema.json", item);
			assertThat(item.has("body")).as("a list leaves the text to the reply's own address").isFalse();
			JsonNode whole = search.reply(item.get("id").asText());
			Schemas.assertValid("reply.v1.schema.json", whole);
			for (JsonNode answer : List.of(item, whole)) {
				assertThat(answer.has("words")).isFalse();
				assertThat(answer.has("contentHash")).isFalse();
			}
			assertThat(item.get("title")).isEqualTo(whole.get("title"));
			assertThat(item.get("submission")).isEqualTo(whole.get("submission"));
		}
	}

	@Test
	void readsOneReplyByIdAndSays404ForAnUnknownOne() {
		JsonNode reply = SearchClient.json(search.get("/api/replies/" + science.id()), 200);
		assertThat(reply.get("documentNumber").asText()).isEqualTo(science.documentNumber());
		assertThat(reply.get("body").asText()).isEqualTo(science.body());

		JsonNode problem = SearchClient.json(search.get("/api/replies/0123456789abcdef0123456789abcdef"), 404);
		assertThat(problem.get("detail").asText()).contains("no reply with id");
		String tooLongForElasticsearch = "a".repeat(4100);
		assertThat(search.get("/api/replies/" + tooLongForElasticsearch).statusCode()).isEqualTo(404);
		assertThat(search.get("/api/replies/" + tooLongForElasticsearch + "/related").statusCode()).isEqualTo(404);
		assertThat(search.get("/replies/" + tooLongForElasticsearch).statusCode()).isEqualTo(404);
	}

	@Test
	void filtersCombineAndEachFacetCountsUnderTheOtherFacetsChoices() {
		JsonNode suggestions = search("kind=suggestion");
		assertThat(titles(suggestions)).containsExactlyInAnyOrder(science.title(), transport.title());
		assertThat(facet(suggestions, "kind")).as("the kind facet still offers the other kind")
			.isEqualTo(Map.of("SUGGESTION", 2L, "PROPOSAL", 1L));
		assertThat(facet(suggestions, "issuer")).isEqualTo(Map.of("上海市科学技术委员会", 1L, "交通运输部", 1L));
		assertThat(facet(suggestions, "level")).isEqualTo(Map.of("CITY", 1L, "NATIONAL", 1L));

		assertThat(titles(search("kind=SUGGESTION&level=NATIONAL"))).containsExactly(transport.title());
		assertThat(titles(search("kind=SUGGESTION,PROPOSAL&year=2023"))).containsExactly(housing.title());
		assertThat(titles(search("result=IN_PROGRESS"))).containsExactly(housing.title());
		assertThat(titles(search("from=2024-05-01"))).containsExactly(science.title());
		assertThat(titles(search("from=2024-01-01&to=2024-05-01"))).containsExactly(transport.title());
		assertThat(titles(search("region=" + enc("上海市")))).containsExactly(science.title());
		assertThat(titles(search("session=" + enc("省政协十三届一次会议")))).containsExactly(housing.title());
		assertThat(titles(search("proposer=" + enc("王五")))).containsExactly(transport.title());
		assertThat(titles(search("issuer=" + enc("交通运输部") + "&issuer=" + enc("河南省住房和城乡建设厅"))))
			.containsExactly(transport.title(), housing.title());
		assertThat(search("site=test").get("total").asInt()).isEqualTo(3);
		assertThat(search("site=other").get("total").asInt()).isZero();
		assertThat(search("withdrawn=exclude").get("total").asInt()).isEqualTo(3);
		assertThat(search("withdrawn=only").get("total").asInt()).isZero();
	}

	@Test
	void everyFacetsCountsAddUpToTheRepliesThatHaveIt() {
		JsonNode all = search("");
		for (String facet : List.of("kind", "level", "year", "result", "session", "issuer")) {
			assertThat(facet(all, facet).values().stream().mapToLong(Long::longValue).sum()).as(facet).isEqualTo(3);
		}
		assertThat(facet(all, "year")).isEqualTo(Map.of("2024", 2L, "2023", 1L));
		JsonNode topics = all.get("facets").get("topic");
		for (JsonNode topic : topics) {
			JsonNode filtered = search("topic=" + enc(topic.get("value").asText()));
			assertThat(filtered.get("total").asLong()).as(topic.toString()).isEqualTo(topic.get("count").asLong());
		}
	}

	@Test
	void statisticsCountWithEveryFilterAppliedForCharts() {
		JsonNode all = SearchClient.json(search.get("/api/stats"), 200);
		assertThat(all.get("total").asInt()).isEqualTo(3);
		assertThat(counts(all, "kind")).isEqualTo(Map.of("SUGGESTION", 2L, "PROPOSAL", 1L));
		assertThat(counts(all, "year")).isEqualTo(Map.of("2024", 2L, "2023", 1L));

		JsonNode proposals = SearchClient.json(search.get("/api/stats?kind=proposal&q=" + enc("养老")), 200);
		assertThat(proposals.get("total").asInt()).isEqualTo(1);
		assertThat(counts(proposals, "kind")).isEqualTo(Map.of("PROPOSAL", 1L));
		assertThat(counts(proposals, "issuer")).isEqualTo(Map.of("河南省住房和城乡建设厅", 1L));
		assertThat(search.get("/api/stats?top=0").statusCode()).isEqualTo(400);
		assertThat(search.get("/api/stats?result=DONE").statusCode()).isEqualTo(400);
	}

	@Test
	void suggestsUnitsSessionsAndTitlesThatContainWhatWasTyped() {
		JsonNode unit = SearchClient.json(search.get("/api/suggest?q=" + enc("交通")), 200);
		assertThat(unit.get("issuers").toString()).contains("交通运输部").doesNotContain("河南");

		JsonNode session = SearchClient.json(search.get("/api/suggest?q=" + enc("全国人大")), 200);
		assertThat(session.get("sessions").get(0).asText()).isEqualTo("十四届全国人大二次会议");

		JsonNode title = SearchClient.json(search.get("/api/suggest?q=" + enc("第1010号")), 200);
		assertThat(title.get("titles").get(0).get("title").asText()).isEqualTo(housing.title());
		assertThat(title.get("titles").get(0).get("id").asText()).isEqualTo(housing.id());

		assertThat(SearchClient.json(search.get("/api/suggest?q="), 200).get("titles")).isEmpty();
		assertThat(search.get("/api/suggest?q=" + "答".repeat(201)).statusCode()).isEqualTo(400);
		assertThat(search.get("/api/suggest?q=a&size=500").statusCode()).isEqualTo(400);
	}

	@Test
	void sortsNewestOrOldestAndPagesPastAnyDepthByCursor() {
		assertThat(titles(search("sort=oldest"))).containsExactly(housing.title(), transport.title(), science.title());
		assertThat(titles(search("sort=newest"))).containsExactly(science.title(), transport.title(), housing.title());

		List<String> read = new ArrayList<>();
		JsonNode page = search("size=1");
		while (true) {
			read.addAll(titles(page));
			if (!page.has("nextCursor")) {
				break;
			}
			page = search("size=1&cursor=" + page.get("nextCursor").asText());
		}
		assertThat(read).containsExactly(science.title(), transport.title(), housing.title());
	}

	@Test
	void phrasesMustOccurAndExcludedWordsMustNot() {
		assertThat(titles(search("q=" + enc("\"社区嵌入式养老\"")))).containsExactly(housing.title());
		assertThat(search("q=" + enc("\"嵌入式社区养老\"")).get("total").asInt()).isZero();
		assertThat(titles(search("q=" + enc("建设 -养老")))).doesNotContain(housing.title());
		assertThat(titles(search("q=" + enc("-养老")))).containsExactlyInAnyOrder(science.title(), transport.title());
	}

	@Test
	void numbersTypedAsSuchAndTheSubmissionsOwnTitleFindTheirReplyFirst() {
		assertThat(titles(search("q=0671")).get(0)).isEqualTo(science.title());
		assertThat(titles(search("q=" + enc("第1010号"))).get(0)).isEqualTo(housing.title());
		assertThat(titles(search("q=" + enc("加快建设具有全球影响力的科技创新中心"))).get(0)).isEqualTo(science.title());
	}

	@Test
	void highlightsMarkTheMatchedWordsAndEscapeTheRest() {
		JsonNode result = search("q=" + enc("智慧养老"));
		JsonNode highlight = result.get("highlights").get(housing.id());

		String body = highlight.get("body").get(0).asText();
		assertThat(body).contains("<mark>智慧养老</mark>").doesNotContain("<b>").contains("&lt;b&gt;");
		assertThat(body.replaceAll("</?mark>", "")).doesNotContain("<", ">");
	}

	@Test
	void hostileParametersGetAClearErrorNeverAServerError() {
		for (String query : List.of("sort=best", "cursor=bm90LWEtY3Vyc29y", "cursor=%25%25", "page=99999999999",
				"kind=petition", "year=twenty", "from=2024-13-01", "facetSize=0", "facetSize=100000",
				"page=2&cursor=W10", "level=" + enc("'; DROP"))) {
			HttpResponse<String> response = search.get("/api/replies?" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query).contains("application/problem+json");
		}
		for (String q : List.of("\uD800", "((((", "\\", "a".repeat(200), "title:\"x\" -\"", "- -- ---", "\"\"")) {
			assertThat(search.get("/api/replies?q=" + enc(q)).statusCode()).as(q).isEqualTo(200);
		}
		assertThat(search.get("/api/replies?q=%ED%A0%80").statusCode()).as("a lone surrogate as UTF-8 bytes")
			.isIn(200, 400);
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
	void aMalformedUnencodedOrHugeQueryGetsProblemDetailsAndLogsNoError(CapturedOutput log) throws IOException {
		String malformed = search.raw("/api/replies?q=%E4%zz");
		String unencoded = search.raw("/api/replies?q=养老");
		String huge = search.raw("/api/replies?q=" + "%E7%AD%94".repeat(10_000));

		assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/problem+json");
		assertThat(unencoded).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.contains("percent-encoded (q=%E5%85%BB%E8%80%81 for 养老");
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
	void everyReplyHasAShortCitationCodeThatLeadsBackToIt() {
		JsonNode reply = SearchClient.json(search.get("/api/replies/" + science.id()), 200);
		String code = reply.get("citation").asText();
		assertThat(code).matches("DF-[0-9A-Z]{5}-[0-9A-Z]{5}");

		for (String typed : List.of(code, code.toLowerCase(Locale.ROOT).replace("-", ""))) {
			HttpResponse<String> cited = search.get("/api/cite/" + typed);
			assertThat(cited.statusCode()).as(typed).isEqualTo(302);
			assertThat(cited.headers().firstValue("Location")).contains("/api/replies/" + science.id());
		}
		assertThat(search.get("/api/cite/DF-00000-00000").statusCode()).isEqualTo(404);
		assertThat(search.get("/api/cite/" + enc("<script>")).statusCode()).isEqualTo(404);
	}

	@Test
	void exportsAWholeResultSetAsCsvAndJsonLines() throws IOException {
		HttpResponse<String> csv = search.get("/api/replies/export?format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.contains("attachment; filename=\"dafu-replies.csv\"");
		assertThat(csv.body()).startsWith("\uFEFF");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body().substring(1)))
			.getRecords();
		assertThat(rows).extracting(row -> row.get("title"))
			.containsExactly(science.title(), transport.title(), housing.title());
		assertThat(rows.get(0).get("citation")).isEqualTo(science.citation());
		assertThat(rows.get(2).get("kind")).isEqualTo("PROPOSAL");
		assertThat(rows.get(2).get("proposers")).isEqualTo("民盟河南省委");

		HttpResponse<String> lines = search.get("/api/replies/export?format=jsonl&kind=PROPOSAL&sort=oldest");
		assertThat(lines.statusCode()).isEqualTo(200);
		String[] documents = lines.body().split("\n");
		assertThat(documents).hasSize(1);
		JsonNode document = JSON.readTree(documents[0]);
		Schemas.assertValid("reply.v1.schema.json", document);
		assertThat(document.get("id").asText()).isEqualTo(housing.id());

		assertThat(search.get("/api/replies/export?format=xml").statusCode()).isEqualTo(400);
		assertThat(search.get("/api/replies/export?kind=petition").statusCode()).isEqualTo(400);
	}

	@Test
	void describesItsApiAsOpenApi() {
		JsonNode api = SearchClient.json(search.get("/v3/api-docs"), 200);
		assertThat(api.get("paths").has("/api/replies")).isTrue();
		assertThat(api.get("paths").has("/api/replies/{id}/related")).isTrue();
		assertThat(api.get("paths").has("/api/replies/stream")).isTrue();
		assertThat(api.get("paths").has("/api/stats")).isTrue();
		assertThat(api.get("paths").has("/api/suggest")).isTrue();
	}

	@Test
	void healthIsOpenButMetricsAreTheOperatorsOnly() {
		assertThat(search.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(search.get("/actuator/metrics").statusCode()).isEqualTo(401);
	}

	static Reply reply(String issuer, String documentNumber, String title, LocalDate date, String body) {
		return reply(issuer, documentNumber, title, date,
				new Submission(Submission.Kind.SUGGESTION, "1", "市十六届人大二次会议", null, List.of("张三")), "A", body);
	}

	static Reply reply(String issuer, String documentNumber, String title, LocalDate date, Submission submission,
			String result, String body) {
		String id = ReplyIdentity.of(issuer, documentNumber, title);
		return new Reply(id, List.of("http://site.test/" + id + ".html"), List.of(), "test", title, documentNumber,
				issuer, submission, HandlingResult.of(result), "主动公开", date, date.plusDays(3),
				new Contact("李四", "021-12345678", "人民大道200号", "200003"), List.of("市政府办公厅"),
				List.of(new Section("一、办理概述", body)), body, Map.of("索引号", "000-2024-1"), "test", List.of(), null, null,
				null, null);
	}

	private static JsonNode search(String query) {
		return SearchClient.json(search.get("/api/replies?" + query), 200);
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static Map<String, Long> facet(JsonNode page, String name) {
		return values(page.get("facets").get(name));
	}

	private static Map<String, Long> counts(JsonNode stats, String name) {
		return values(stats.get("counts").get(name));
	}

	private static Map<String, Long> values(JsonNode list) {
		Map<String, Long> counts = new HashMap<>();
		list.forEach(value -> counts.put(value.get("value").asText(), value.get("count").asLong()));
		return counts;
	}

	private static List<String> titles(JsonNode page) {
		List<String> titles = new ArrayList<>();
		page.get("items").forEach(item -> titles.add(item.get("title").asText()));
		return titles;
	}

}
