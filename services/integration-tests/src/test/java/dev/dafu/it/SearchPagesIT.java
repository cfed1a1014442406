package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dafu.reply.CitationCode;
import dev.dafu.testsupport.RealServers;

/**
 * The search pages as a reader without scripts gets them from a real Elasticsearch: the
 * HTML the server writes, its links and its headers.
 */
@ExtendWith(RealServers.class)
class SearchPagesIT {

	private static final String INDEX = "replies-pages-it";

	static Services services;

	static HttpClient http = HttpClient.newHttpClient();

	static URI base;

	@BeforeAll
	static void indexReplies() throws IOException {
		services = new Services(INDEX);
		base = URI.create("http://127.0.0.1:" + Services.port(services.startSearchOver(PageReplies.indexed())));
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void theSearchPageListsMatchesWithMarkedSnippetsBadgesAndFacetsInItsHtml() throws Exception {
		Document page = page("/search?q=" + enc("科技创新"), 200);

		List<Element> results = page.select("ol.results > li");
		assertThat(results).isNotEmpty();
		Element first = results.get(0);
		assertThat(first.selectFirst("h2 a").attr("href")).isEqualTo("/replies/" + PageReplies.SCIENCE.id());
		assertThat(first.select(".snippet mark").eachText()).contains("科技创新");
		assertThat(first.select(".badge").eachText()).contains("建议", "已解决或采纳");
		assertThat(first.select(".meta").text()).contains("上海市科学技术委员会", "沪科建复〔2024〕34号", "2024-06-21");
		assertThat(page.select("aside.filters h2").eachText()).contains("答复单位", "年份", "类别", "办理结果");
		assertThat(page.select("[role=status]").text()).isEqualTo("共 " + results.size() + " 件答复");
	}

	@Test
	void aFacetLinkFiltersAndTheSameLinkOnTheFilteredPageLetsItGo() throws Exception {
		Document all = page("/search", 200);
		Element proposals = facetLink(all, "类别", "提案");
		assertThat(proposals.selectFirst(".count").text()).isEqualTo("1");

		Document filtered = page(proposals.attr("href"), 200);

		assertThat(filtered.select("ol.results > li h2").eachText()).containsExactly(PageReplies.HOUSING.title());
		Element chosen = facetLink(filtered, "类别", "提案");
		assertThat(chosen.attr("aria-current")).isEqualTo("true");
		assertThat(facetLink(filtered, "类别", "建议").hasAttr("aria-current")).isFalse();
		assertThat(facetLink(filtered, "类别", "建议").selectFirst(".count").text())
			.as("the other value still shows its count")
			.isEqualTo("3");
		assertThat(page(chosen.attr("href"), 200).select("ol.results > li")).hasSize(4);
	}

	@Test
	void theTreeBrowsesLevelsWithTheirUnitsAndYearsWithTheirSessions() throws Exception {
		Document page = page("/search?q=" + enc("养老"), 200);

		Map<String, String> branches = new LinkedHashMap<>();
		for (Element branch : page.select("nav.tree details")) {
			branches.put(branch.selectFirst("summary a").text(),
					String.join("|",
							branch.select("li a")
								.stream()
								.map(link -> link.child(0).text() + " " + link.child(1).text())
								.toList()));
		}
		assertThat(branches).containsEntry("市级", "上海市民政局 1|上海市科学技术委员会 1|上海市经济和信息化委员会 1")
			.containsEntry("省级", "河南省住房和城乡建设厅 1")
			.containsEntry("2024 年", "市十六届人大二次会议 3")
			.containsEntry("2023 年", "省政协十三届一次会议 1");
		Element session = page.selectFirst("nav.tree li a[href*=session]");
		assertThat(page(session.attr("href"), 200).select("ol.results > li"))
			.as("the whole collection, not the search's")
			.hasSize(3);
	}

	@Test
	void theReplyPageShowsItsStructuredFieldsAndTheOtherReplyToTheSameSuggestion() throws Exception {
		Document page = page("/replies/" + PageReplies.SCIENCE.id(), 200);

		assertThat(page.selectFirst("h1").text()).isEqualTo(PageReplies.SCIENCE.title());
		assertThat(field(page, "文号")).isEqualTo("沪科建复〔2024〕34号");
		assertThat(field(page, "答复单位")).isEqualTo("上海市科学技术委员会");
		assertThat(field(page, "届次")).isEqualTo("市十六届人大二次会议");
		assertThat(field(page, "建议提案号")).isEqualTo("0671");
		assertThat(field(page, "案由")).isEqualTo(PageReplies.SCIENCE_SUGGESTION.subject());
		assertThat(field(page, "提出人")).isEqualTo("张三、李四");
		assertThat(field(page, "联系方式")).contains("021-12345678");
		assertThat(page.selectFirst("#citation").text()).isEqualTo(CitationCode.of(PageReplies.SCIENCE.id()));
		Element related = page.selectFirst("section.related li");
		assertThat(related.selectFirst(".relation").text()).isEqualTo("同一建议提案");
		assertThat(related.selectFirst("a").attr("href")).isEqualTo("/replies/" + PageReplies.CO_HANDLER.id());
		assertThat(page.select(".sources a").eachAttr("href")).containsExactlyElementsOf(PageReplies.SCIENCE.urls());
	}

	@Test
	void aTopicOrIssuerLinkOnTheReplyPageOpensTheFilteredSearch() throws Exception {
		Document page = page("/replies/" + PageReplies.HOUSING.id(), 200);

		Element issuer = page.selectFirst(".card a[href^=/search?issuer=]");
		Document filtered = page(issuer.attr("href"), 200);

		assertThat(filtered.select("ol.results > li h2").eachText()).containsExactly(PageReplies.HOUSING.title());
	}

	@Test
	void theStatisticsPageCountsTheSearchByYearUnitResultAndTopicWithLinksIntoIt() throws Exception {
		Document page = page("/stats?kind=SUGGESTION", 200);

		assertThat(page.selectFirst("[role=status]").text()).contains("共 3 件答复");
		Map<String, Long> years = table(page, "year");
		assertThat(years).containsExactly(Map.entry("2024", 3L));
		assertThat(table(page, "issuer")).containsOnlyKeys("上海市科学技术委员会", "上海市经济和信息化委员会", "上海市民政局");
		assertThat(table(page, "result")).containsEntry("已解决或采纳", 2L).containsEntry("正在解决", 1L);
		Element year = page.selectFirst("section[data-chart=year] tbody a");
		Document filtered = page(year.attr("href"), 200);
		assertThat(filtered.select("ol.results > li")).hasSize(3);
		assertThat(year.attr("href")).contains("kind=SUGGESTION", "year=2024");
		assertThat(page.select("script").eachAttr("src")).contains("/webjars/echarts/5.3.1/dist/echarts.min.js",
				"/stats.js");
		assertThat(get("/webjars/echarts/5.3.1/dist/echarts.min.js", null).statusCode()).isEqualTo(200);
	}

	@Test
	void theLivePageFollowsTheStreamOfTheSameSearchAndSaysWhatItNeeds() throws Exception {
		Document page = page("/live?kind=PROPOSAL&q=" + enc("养老"), 200);

		Element status = page.selectFirst("#live-status");
		assertThat(status.attr("data-stream")).isEqualTo("/api/replies/stream?kind=PROPOSAL&q=" + enc("养老"));
		assertThat(status.text()).as("without scripts it says what it needs").contains("脚本");
		assertThat(page.select("a[href^=/search]").eachAttr("href"))
			.contains("/search?kind=PROPOSAL&q=" + enc("养老") + "&sort=newest");
		assertThat(page("/live?kind=letter", 400).selectFirst("[role=alert]").text()).contains("kind");
	}

	@Test
	void theCitationCodeResolvesToThePermalink() throws Exception {
		HttpResponse<String> response = get("/cite/" + CitationCode.of(PageReplies.SCIENCE.id()), null);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow())
			.endsWith("/replies/" + PageReplies.SCIENCE.id());
		assertThat(get("/cite/DF-00000-00000", null).statusCode()).isEqualTo(404);
		assertThat(get("/", null).headers().firstValue("Location").orElseThrow()).as("the home page is the search")
			.endsWith("/search");
	}

	@Test
	void pageTextWithMarkupIsShownAsTextAndNothingOfItRuns() throws Exception {
		Document reply = page("/replies/" + PageReplies.HOSTILE.id(), 200);
		Document results = page("/search?q=" + enc("养老驿站"), 200);

		assertThat(reply.selectFirst("h1").text()).isEqualTo(PageReplies.HOSTILE.title());
		assertThat(reply.select(".text").text()).contains("<script>document.title='pwned'</script><img src=x");
		assertThat(results.select("ol.results").text()).contains("<script>");
		for (Document page : List.of(reply, results)) {
			assertThat(page.select("script").eachAttr("src")).as("only the page's own script")
				.containsExactly("/pages.js");
			assertThat(page.select("img")).isEmpty();
			assertThat(page.select("[onerror]")).isEmpty();
		}
	}

	@Test
	void everyPageAndItsFilesSendAStrictContentSecurityPolicy() throws Exception {
		for (String path : List.of("/search", "/search?q=" + enc("养老"), "/replies/" + PageReplies.SCIENCE.id(),
				"/replies/no-such-reply", "/search?year=nineteen", "/stats", "/live", "/dafu.css", "/pages.js",
				"/stats.js", "/live.js", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
			HttpResponse<String> response = get(path, null);
			String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
			assertThat(policy).as(path).contains("default-src 'self'", "script-src 'self'", "object-src 'none'");
			assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
		}
	}

	@Test
	void aWrongFilterOrAMissingReplyIsAPageThatSaysSoWithItsStatus() throws Exception {
		Document badYear = page("/search?year=nineteen", 400);
		Document missing = page("/replies/no-such-reply", 404);

		assertThat(badYear.selectFirst("[role=alert]").text()).contains("year");
		assertThat(page("/search?page=abc", 400).selectFirst("[role=alert]").text()).contains("page");
		assertThat(missing.selectFirst("h1").text()).contains("404");
		assertThat(missing.select("a[href=/search]")).isNotEmpty();
	}

	@Test
	void englishIsOneClickAwayAndRemembered() throws Exception {
		Document chinese = page("/search?q=" + enc("养老"), 200);
		String switchLink = chinese.selectFirst("a.lang").attr("href");
		HttpResponse<String> switched = get(switchLink, null);
		String cookie = switched.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

		Document english = Jsoup.parse(switched.body());
		Document later = Jsoup.parse(get("/replies/" + PageReplies.SCIENCE.id(), cookie).body());

		assertThat(chinese.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
		assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(english.selectFirst("#q").attr("value")).as("the same search").isEqualTo("养老");
		assertThat(later.select(".card dt").eachText()).contains("Document number", "Issuing unit");
	}

	/** The counts of the statistics page's table for {@code chart}, label to count. */
	private static Map<String, Long> table(Document page, String chart) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Element row : page.select("section[data-chart=" + chart + "] tbody tr")) {
			counts.put(row.selectFirst("th").text(), Long.parseLong(row.selectFirst("td").text()));
		}
		return counts;
	}

	private static Element facetLink(Document page, String facet, String label) {
		for (Element section : page.select("aside.filters section")) {
			if (section.selectFirst("h2").text().equals(facet)) {
				for (Element link : section.select("a")) {
					if (link.selectFirst("span").text().equals(label)) {
						return link;
					}
				}
			}
		}
		throw new AssertionError("no " + facet + " facet value " + label);
	}

	private static String field(Document page, String label) {
		for (Element term : page.select(".card dt")) {
			if (term.text().equals(label)) {
				return term.nextElementSibling().text();
			}
		}
		throw new AssertionError("no field " + label);
	}

	private static Document page(String path, int status) throws Exception {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
		return Jsoup.parse(response.body(), base.resolve(path).toString());
	}

	private static HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html");
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
