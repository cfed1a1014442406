package dev.dafu.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dafu.local.StaticSite;
import dev.dafu.reply.Attachment;
import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;

/**
 * The crawler on a site unlike the corpus, registered with nothing but its home page:
 * listings a script loads from JSON or XML, rows only a {@code <noscript>} holds, a
 * year's catalogue named like a detail page, pages only its sitemap lists, and stub pages
 * whose replies are files.
 */
class VariedSiteCrawlTest {

	private static final JsonNode EXPECTED = TestCorpus.VARIED.expected();

	@TempDir
	static Path folder;

	static StaticSite site;

	static List<CrawledPage> pages = new ArrayList<>();

	static CrawlSummary summary;

	@BeforeAll
	static void crawlTheSiteFromItsHomePage() throws Exception {
		site = StaticSite.start(TestCorpus.VARIED.write(folder), 0);
		summary = SiteCrawlerTest.crawler(pages)
			.crawl(SiteCrawlerTest.profile(List.of(site.baseUri().resolve("/index.html")), 0));
	}

	@AfterAll
	static void stop() {
		site.close();
	}

	@Test
	void sendsEveryReplyPageWithTheFilesItsReplyIsPrintedIn() {
		Map<String, CrawledPage> sent = sentByPath();
		for (JsonNode reply : EXPECTED.get("replies")) {
			String url = reply.get("urls").get(0).asText();
			assertThat(sent).as(reply.get("pattern").asText()).containsKey(url);
			List<String> files = new ArrayList<>();
			reply.get("partUrls").forEach(part -> files.add(site.baseUri() + part.asText()));
			assertThat(sent.get(url).attachments()).extracting(Attachment::url)
				.as(url)
				.containsExactlyElementsOf(files);
		}
	}

	@Test
	void findsRowsThatScriptsLoadAndPagesOnlyASitemapOrAYearCatalogueNames() {
		assertThat(site.requestedPaths()).contains("/zwgk/jytabl/rdjy/list.json?page=1",
				"/zwgk/jytabl/rdjy/list.json?page=2", "/col/col1229/data.xml", "/zwgk/jytabl/nd2023.html",
				"/sitemap.xml");
		assertThat(sentByPath()).containsKeys("/zwgk/jytabl/rdjy/202406/t20240625_1002.html",
				"/zwgk/jytabl/rdjy/202406/t20240617_1004.html", "/art/2024/6/28/art_1229_5701.html",
				"/art/2022/6/30/art_1229_1001.html", "/zwgk/jytabl/2023/t20230615_901.html");
		assertThat(sentByPath()).as("data endpoints are read for rows, not sent")
			.doesNotContainKeys("/zwgk/jytabl/rdjy/list.json", "/col/col1229/data.xml");
		assertThat(summary.coverage()).as("rows in other folders and rows a script loads count").isEmpty();
	}

	@Test
	void namesAFileByItsContentDispositionAndKeepsItsBytes() {
		Attachment pdf = sentByPath().get("/zwgk/jytabl/rdjy/202406/t20240625_1002.html").attachments().get(0);

		assertThat(pdf.fileName()).isEqualTo("沪卫建复〔2024〕第61号.pdf");
		assertThat(pdf.contentType()).isEqualTo("application/octet-stream");
		assertThat(new String(pdf.content(), 0, 5)).isEqualTo("%PDF-");
	}

	@Test
	void keepsOutOfWhatRobotsForbidsAndReportsTheBrokenRow() {
		EXPECTED.get("forbiddenUrls").forEach(url -> assertThat(site.requestedPaths()).doesNotContain(url.asText()));
		assertThat(summary.errors()).anySatisfy(
				line -> assertThat(line).contains(EXPECTED.get("brokenUrls").get(0).asText()).contains("HTTP 404"));
		assertThat(summary.errorsByKind()).as(summary.errors().toString())
			.containsExactlyEntriesOf(Map.of("http-404", 1));
	}

	@Test
	void fetchesEachPageOnce() {
		Set<String> twice = new TreeSet<>();
		Set<String> once = new TreeSet<>();
		site.requestedPaths().forEach(path -> {
			if (!once.add(path)) {
				twice.add(path);
			}
		});
		assertThat(twice).isEmpty();
	}

	private static Map<String, CrawledPage> sentByPath() {
		Map<String, CrawledPage> sent = new TreeMap<>();
		pages.forEach(page -> sent.put(URI.create(page.url()).getRawPath(), page));
		return sent;
	}

}
