package dev.dafu.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dafu.local.StaticSite;
import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;

/** The crawler against the corpus site served by a real HTTP server on loopback. */
class SiteCrawlerTest {

	private static final JsonNode EXPECTED = TestCorpus.expected();

	@TempDir
	static Path folder;

	static StaticSite site;

	@BeforeAll
	static void serveTheCorpusSite() throws Exception {
		site = StaticSite.start(TestCorpus.writeSite(folder), 0);
	}

	@AfterAll
	static void stop() {
		site.close();
	}

	@Test
	void fetchesTheStartPagesAndEveryPageTheyLinkToThatRobotsTxtAllows() throws Exception {
		List<CrawledPage> pages = new ArrayList<>();
		CrawlSummary summary = crawler(pages, 10_000_000).crawl(site(EXPECTED.get("listingPageUrls")));

		Set<String> fetched = new TreeSet<>();
		pages.forEach(page -> fetched.add(URI.create(page.url()).getPath()));
		for (JsonNode reply : EXPECTED.get("replies")) {
			reply.get("urls").forEach(url -> assertThat(fetched).contains(url.asText()));
		}
		EXPECTED.get("forbiddenUrls").forEach(url -> {
			assertThat(fetched).doesNotContain(url.asText());
			assertThat(site.requestedPaths()).doesNotContain(url.asText());
		});
		assertThat(summary.skippedByRobots()).isEqualTo(EXPECTED.get("forbiddenUrls").size());
		assertThat(summary.errors()).hasSize(EXPECTED.get("brokenUrls").size())
			.allSatisfy(error -> assertThat(error).contains("HTTP 404"));
		assertThat(summary.pagesSent()).isEqualTo(pages.size());
		assertThat(pages).allSatisfy(page -> {
			assertThat(page.site()).isEqualTo("corpus");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.content()).isNotEmpty();
		});
		assertThat(fetched).noneMatch(path -> path.startsWith("http")).doesNotContain("/css/style.css");
	}

	@Test
	void aReplyPrintedOverSeveralPagesIsSentOnceWithItsContinuationPages() throws Exception {
		Path multi = Files.createDirectories(folder.resolve("jytabl/multi"));
		Files.writeString(multi.resolve("index.html"), "<a href=\"t20240301_0000001.html\">答复</a>");
		Files.writeString(multi.resolve("t20240301_0000001.html"),
				"<p>第一页</p><a href=\"index.html\">首页</a> <a href=\"t20240301_0000001_1.html\">下一页</a>");
		Files.writeString(multi.resolve("t20240301_0000001_1.html"),
				"<p>第二页</p><a href=\"t20240301_0000001.html\">上一页</a> <a href=\"t20240301_0000001_2.html\">下一页</a>");
		Files.writeString(multi.resolve("t20240301_0000001_2.html"),
				"<p>第三页</p><a href=\"t20240301_0000001_1.html\">上一页</a> <a href=\"/jytabl/multi/index_1.html\">下一页</a>");
		List<CrawledPage> pages = new ArrayList<>();

		crawler(pages, 10_000)
			.crawl(new CrawlerProperties.Site("corpus", List.of(site.baseUri().resolve("/jytabl/multi/index.html"))));

		CrawledPage reply = pages.stream()
			.filter(page -> page.url().endsWith("t20240301_0000001.html"))
			.findFirst()
			.orElseThrow();
		assertThat(reply.parts()).extracting(part -> URI.create(part.url()).getPath())
			.containsExactly("/jytabl/multi/t20240301_0000001_1.html", "/jytabl/multi/t20240301_0000001_2.html");
		assertThat(new String(reply.parts().get(1).content(), java.nio.charset.StandardCharsets.UTF_8)).contains("第三页");
		assertThat(pages).extracting(CrawledPage::url)
			.noneMatch(url -> url.contains("_1.html") || url.contains("_2.html"));
	}

	@Test
	void aPageOverTheSizeLimitIsReportedNotSent() throws Exception {
		Files.write(folder.resolve("big.html"), new byte[2048]);
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages, 1024)
			.crawl(new CrawlerProperties.Site("corpus", List.of(site.baseUri().resolve("/big.html"))));

		assertThat(pages).isEmpty();
		assertThat(summary.errors()).singleElement().asString().contains("larger than 1024 bytes");
	}

	@Test
	void anUnreachableSiteIsReportedNotFatal() throws Exception {
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages, 1024)
			.crawl(new CrawlerProperties.Site("gone", List.of(URI.create("http://127.0.0.1:9/index.html"))));

		assertThat(pages).isEmpty();
		assertThat(summary.skippedByRobots()).isZero();
		assertThat(summary.errors()).singleElement()
			.asString()
			.contains("http://127.0.0.1:9/robots.txt is unavailable", "ConnectException");
	}

	private static SiteCrawler crawler(List<CrawledPage> pages, long maxBytes) {
		return new SiteCrawler(new PageFetcher("DafuTest/1.0", Duration.ofSeconds(5), maxBytes), "dafu", pages::add);
	}

	private static CrawlerProperties.Site site(JsonNode paths) {
		List<URI> startUrls = new ArrayList<>();
		paths.forEach(path -> startUrls.add(site.baseUri().resolve(path.asText())));
		return new CrawlerProperties.Site("corpus", startUrls);
	}

}
