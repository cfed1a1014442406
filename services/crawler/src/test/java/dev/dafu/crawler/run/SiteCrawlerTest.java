package dev.dafu.crawler.run;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.local.StaticSite;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;
import dev.dafu.testsupport.TestCorpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The crawler against the corpus site and small trap sites, served by a real HTTP server
 * on loopback.
 */
class SiteCrawlerTest {

	private static final JsonNode EXPECTED = TestCorpus.PUBLIC.expected();

	private static final MeterRegistry METERS = new SimpleMeterRegistry();

	@TempDir
	static Path folder;

	static StaticSite site;

	@BeforeAll
	static void serveTheCorpusSite() throws Exception {
		site = StaticSite.start(TestCorpus.PUBLIC.write(folder), 0);
	}

	@AfterAll
	static void stop() {
		site.close();
	}

	@Test
	void findsEveryReplyFromTheHomePageThroughListingsAndTheirPagination() throws Exception {
		List<CrawledPage> pages = new ArrayList<>();
		CrawlSummary summary = crawler(pages).crawl(profile(List.of(site.baseUri().resolve("/index.html")), 0));

		Set<String> sent = new TreeSet<>();
		pages.forEach(page -> sent.add(URI.create(page.url()).getPath()));
		for (JsonNode reply : EXPECTED.get("replies")) {
			reply.get("urls").forEach(url -> assertThat(sent).contains(url.asText()));
		}
		EXPECTED.get("nonReplyUrls").forEach(url -> assertThat(sent).contains(url.asText()));
		EXPECTED.get("listingPageUrls").forEach(url -> {
			assertThat(site.requestedPaths()).contains(url.asText());
			assertThat(sent).as("listings are read for links, not sent").doesNotContain(url.asText());
		});
		EXPECTED.get("forbiddenUrls").forEach(url -> assertThat(site.requestedPaths()).doesNotContain(url.asText()));
		assertThat(summary.skippedByRobots()).isEqualTo(EXPECTED.get("forbiddenUrls").size());
		assertThat(summary.errorsByKind()).containsExactlyEntriesOf(Map.of("http-404", 1));
		assertThat(summary.coverage()).as("every listing links as many replies as it prints").isEmpty();
		assertThat(summary.pagesSent()).isEqualTo(pages.size()).isEqualTo(sent.size());
		assertThat(METERS.counter("dafu.crawler.urls", "site", "corpus", "kind", "detail", "result", "new").count())
			.as("every page sent is counted for dashboards")
			.isGreaterThanOrEqualTo(pages.size());
		assertThat(METERS.counter("dafu.crawler.errors", "site", "corpus", "kind", "http-404").count()).isPositive();
		assertThat(pages).allSatisfy(page -> assertThat(page.site()).isEqualTo("corpus"));
	}

	@Test
	void readsPageCountsPrintedOnlyInAScriptAndReportsAListingThatPrintsMoreThanItLinks() throws Exception {
		Path listing = Files.createDirectories(folder.resolve("jytabl/script"));
		Files.writeString(listing.resolve("index.html"), """
				<ul><li><a href="a.html">一</a></li></ul><div>共5件</div>
				<script>createPageHTML(3, 0, "index", "html");</script>
				""");
		Files.writeString(listing.resolve("index_1.html"), "<ul><li><a href=\"b.html\">二</a></li></ul>");
		Files.writeString(listing.resolve("index_2.html"), "<ul><li><a href=\"c.html\">三</a></li></ul>");
		for (String page : List.of("a.html", "b.html", "c.html")) {
			Files.writeString(listing.resolve(page), "<p>" + page + "</p>");
		}
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages)
			.crawl(profile(List.of(site.baseUri().resolve("/jytabl/script/index.html")), 0));

		assertThat(pages).extracting(page -> URI.create(page.url()).getPath())
			.containsExactlyInAnyOrder("/jytabl/script/a.html", "/jytabl/script/b.html", "/jytabl/script/c.html");
		assertThat(summary.coverage()).containsExactly("/jytabl/script/: 共5件 printed, 3 detail links found");
	}

	@Test
	void countsEveryRowOfTheListingsColumnAgainstItsTotalWhereverItLeadsButNotTheSidebar() throws Exception {
		Path listing = Files.createDirectories(folder.resolve("jytabl/mixed"));
		Path news = Files.createDirectories(folder.resolve("xwdt"));
		Files.writeString(listing.resolve("index.html"), """
				<ul class="list">
				<li><a href="t1.html">关于加快发展集成电路产业的建议的答复</a></li>
				<li><a href="t2.html">关于完善养老服务体系的提案答复的函</a></li>
				<li><a href="/xwdt/t3.html">市科委召开建议提案办理工作会议</a></li>
				<li><a href="t4.html">关于加强城市更新的建议的答复</a></li>
				</ul>
				<div>共5件</div>
				<ul class="side"><li><a href="/xwdt/t9.html">市领导调研科技企业</a></li></ul>
				""");
		for (String page : List.of("t1.html", "t2.html", "t4.html")) {
			Files.writeString(listing.resolve(page), "<p>" + page + "</p>");
		}
		for (String page : List.of("t3.html", "t9.html")) {
			Files.writeString(news.resolve(page), "<p>" + page + "</p>");
		}

		CrawlSummary summary = crawler(new ArrayList<>())
			.crawl(profile(List.of(site.baseUri().resolve("/jytabl/mixed/index.html")), 0));

		assertThat(summary.coverage()).as("the news row counts; the sidebar's link does not")
			.containsExactly("/jytabl/mixed/: 共5件 printed, 4 detail links found");
	}

	@Test
	void aListingPatternThatCannotDecideALinksPathEndsTheCrawlSayingWhy() throws Exception {
		Path trap = Files.createDirectories(folder.resolve("jytabl/regex"));
		String path = "/jytabl/regex/" + "a".repeat(40) + "!.html";
		Files.writeString(trap.resolve("index.html"), "<a href=\"" + path + "\">答复</a>");
		SiteProfile profile = new SiteProfile("corpus", null,
				List.of(site.baseUri().resolve("/jytabl/regex/index.html")),
				".*/index\\.html|/jytabl/regex/(.*a){12}\\.html", null, null, null, null, 0, null, true);

		assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> assertThatThrownBy(() -> crawler(new ArrayList<>()).crawl(profile))
					.hasMessageContaining("listingPattern")
					.hasMessageContaining("takes too long to decide whether " + path));
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

		crawler(pages).crawl(profile(List.of(site.baseUri().resolve("/jytabl/multi/index.html")), 0));

		assertThat(pages).singleElement().satisfies(reply -> {
			assertThat(reply.url()).endsWith("t20240301_0000001.html");
			assertThat(reply.parts()).extracting(part -> URI.create(part.url()).getPath())
				.containsExactly("/jytabl/multi/t20240301_0000001_1.html", "/jytabl/multi/t20240301_0000001_2.html");
			assertThat(new String(reply.parts().get(1).content(), StandardCharsets.UTF_8)).contains("第三页");
		});
	}

	@Test
	void readsAListingAndItsPagesInTheCharsetTheyDeclareNotOnlyTheOneTheServerSends() throws Exception {
		Path gbk = Files.createDirectories(folder.resolve("jytabl/gbk"));
		Charset gb2312 = Charset.forName("GB2312");
		Files.writeString(gbk.resolve("index.html"),
				"<html><head><meta charset=\"gb2312\"></head><body><a href=\"t1.html\">答复</a><p>共2件</p></body></html>",
				gb2312);
		Files.writeString(gbk.resolve("t1.html"),
				"<html><head><meta charset=\"gb2312\"></head><body><p>第一页</p><a href=\"t1_1.html\">下一页</a></body></html>",
				gb2312);
		Files.writeString(gbk.resolve("t1_1.html"), "<html><head><meta charset=\"gb2312\"></head><p>第二页</p></html>",
				gb2312);
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages)
			.crawl(profile(List.of(site.baseUri().resolve("/jytabl/gbk/index.html")), 0));

		assertThat(pages).singleElement()
			.satisfies(page -> assertThat(page.parts()).extracting(part -> URI.create(part.url()).getPath())
				.containsExactly("/jytabl/gbk/t1_1.html"));
		assertThat(summary.coverage()).containsExactly("/jytabl/gbk/: 共2件 printed, 1 detail links found");
	}

	@Test
	void aReplyWhoseContinuationPageCannotBeReadIsNotSentCutShort() throws Exception {
		Path cut = Files.createDirectories(folder.resolve("jytabl/cut"));
		Files.writeString(cut.resolve("index.html"), "<a href=\"t20240302_0000002.html\">答复</a>");
		Files.writeString(cut.resolve("t20240302_0000002.html"),
				"<p>第一页</p><a href=\"t20240302_0000002_1.html\">下一页</a>");
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages)
			.crawl(profile(List.of(site.baseUri().resolve("/jytabl/cut/index.html")), 0));

		assertThat(pages).isEmpty();
		assertThat(summary.errorsByKind()).containsEntry("incomplete", 1).containsEntry("http-404", 1);
		assertThat(summary.errors())
			.anySatisfy(line -> assertThat(line).contains("not sent", "t20240302_0000002_1.html could not be read"));
	}

	@Test
	void aSecondCrawlSendsOnlyWhatChangedAndTracksWhatDisappeared() throws Exception {
		Path news = Files.createDirectories(folder.resolve("jytabl/incremental"));
		Files.writeString(news.resolve("index.html"),
				"<a href=\"same.html\">1</a><a href=\"edited.html\">2</a><a href=\"removed.html\">3</a>");
		Files.writeString(news.resolve("same.html"), "<p>不变的答复</p>");
		Files.writeString(news.resolve("edited.html"), "<p>第一版</p>");
		Files.writeString(news.resolve("removed.html"), "<p>将被删除</p>");
		PageHistory history = PageHistory.inMemory();
		SiteProfile profile = profile(List.of(site.baseUri().resolve("/jytabl/incremental/index.html")), 0);
		List<CrawledPage> firstPages = new ArrayList<>();
		CrawlSummary first = crawler(firstPages, 10_000, history).crawl(profile);
		Files.writeString(news.resolve("edited.html"), "<p>第二版</p>");
		Files.delete(news.resolve("removed.html"));
		List<CrawledPage> secondPages = new ArrayList<>();
		List<PageGone> gone = new ArrayList<>();

		CrawlSummary second = crawler(collecting(secondPages, gone), 10_000, history, Frontier.inMemory())
			.crawl(profile);

		assertThat(firstPages).hasSize(3);
		assertThat(secondPages).extracting(page -> URI.create(page.url()).getPath())
			.containsExactly("/jytabl/incremental/edited.html");
		assertThat(first.newReplies()).isEqualTo(3);
		assertThat(second.newReplies()).isZero();
		assertThat(second.updatedReplies()).isEqualTo(1);
		assertThat(second.pagesUnchanged()).isEqualTo(1);
		assertThat(second.pagesGone()).isEqualTo(1);
		assertThat(gone).singleElement().satisfies(page -> {
			assertThat(page.url()).endsWith("/jytabl/incremental/removed.html");
			assertThat(page.status()).isEqualTo(404);
		});
		assertThat(second.errorsByKind()).isEmpty();
		assertThat(history.get(site.baseUri().resolve("/jytabl/incremental/removed.html").toString()))
			.hasValueSatisfying(state -> assertThat(state.status()).isEqualTo(PageHistory.Status.GONE));
	}

	@Test
	void asksOnlyIfChangedWhenTheSiteSentAnEtag() throws Exception {
		Path pages = Files.createDirectories(folder.resolve("jytabl/etag"));
		Files.writeString(pages.resolve("index.html"), "<a href=\"a.html\">1</a>");
		Files.writeString(pages.resolve("a.html"), "<p>答复</p>");
		PageHistory history = PageHistory.inMemory();
		SiteProfile profile = profile(List.of(site.baseUri().resolve("/jytabl/etag/index.html")), 0);
		crawler(new ArrayList<>(), 10_000, history).crawl(profile);

		CrawlSummary second = crawler(new ArrayList<>(), 10_000, history).crawl(profile);

		assertThat(second.pagesUnchanged()).isEqualTo(1);
		assertThat(history.get(site.baseUri().resolve("/jytabl/etag/a.html").toString()).orElseThrow().etag())
			.isNotBlank();
	}

	@Test
	void keepsTheSitesDelayBetweenRequests() throws Exception {
		Path slow = Files.createDirectories(folder.resolve("jytabl/slow"));
		Files.writeString(slow.resolve("index.html"),
				"<a href=\"1.html\">1</a><a href=\"2.html\">2</a><a href=\"3.html\">3</a>");
		for (String page : List.of("1.html", "2.html", "3.html")) {
			Files.writeString(slow.resolve(page), "<p>" + page + "</p>");
		}
		int before = site.requests().size();

		crawler(new ArrayList<>()).crawl(profile(List.of(site.baseUri().resolve("/jytabl/slow/index.html")), 300));

		List<StaticSite.Request> requests = site.requests().subList(before, site.requests().size());
		assertThat(requests).extracting(StaticSite.Request::path).contains("/jytabl/slow/3.html");
		for (int i = 1; i < requests.size(); i++) {
			if (!requests.get(i).path().equals("/robots.txt") && !requests.get(i - 1).path().equals("/robots.txt")) {
				assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
					.isGreaterThanOrEqualTo(Duration.ofMillis(300));
			}
		}
	}

	@Test
	void aCrawlInterruptedMidWayResumesWithoutFetchingWhatItFinished() throws Exception {
		Path many = Files.createDirectories(folder.resolve("jytabl/resume"));
		StringBuilder listing = new StringBuilder();
		for (int i = 1; i <= 12; i++) {
			listing.append("<a href=\"").append(i).append(".html\">").append(i).append("</a>");
			Files.writeString(many.resolve(i + ".html"), "<p>答复 " + i + "</p>");
		}
		Files.writeString(many.resolve("index.html"), listing.toString());
		SiteProfile profile = profile(List.of(site.baseUri().resolve("/jytabl/resume/index.html")), 100);
		Frontier frontier = Frontier.inMemory();
		PageHistory history = PageHistory.inMemory();
		List<CrawledPage> pages = new CopyOnWriteArrayList<>();
		int before = site.requests().size();
		Thread first = new Thread(() -> {
			try {
				crawler(pages, 10_000, history, frontier).crawl(profile, "resumed", () -> false);
			}
			catch (InterruptedException ex) {
				// the crawler stopping mid-crawl
			}
		});
		first.start();
		while (pages.size() < 4 && first.isAlive()) {
			Thread.sleep(10);
		}
		first.interrupt();
		first.join();
		int sentBefore = pages.size();

		CrawlSummary resumed = crawler(pages, 10_000, history, frontier).crawl(profile, "resumed", () -> false);

		List<String> detailRequests = site.requests()
			.subList(before, site.requests().size())
			.stream()
			.map(StaticSite.Request::path)
			.filter(path -> path.matches("/jytabl/resume/\\d+\\.html"))
			.toList();
		assertThat(sentBefore).isBetween(4, 11);
		assertThat(pages).extracting(CrawledPage::url).doesNotHaveDuplicates().hasSize(12);
		assertThat(detailRequests).as("at most the page in flight when it stopped is fetched twice")
			.hasSizeBetween(12, 13);
		assertThat(resumed.newReplies()).as("the summary counts both runs").isEqualTo(12);
		assertThat(frontier.entries("resumed")).as("a finished crawl's frontier is dropped").isEmpty();
	}

	@Test
	void findsPagesOnlyTheSitemapsNamedInRobotsTxtList(@TempDir Path root) throws Exception {
		try (StaticSite mapped = StaticSite.start(root, 0)) {
			String base = mapped.baseUri().toString();
			Files.writeString(root.resolve("robots.txt"), "User-agent: *\nAllow: /\nSitemap: " + base
					+ "/sitemap-index.xml\nSitemap: http://elsewhere.test/sitemap.xml\n");
			Files.writeString(root.resolve("sitemap-index.xml"), """
					<?xml version="1.0" encoding="UTF-8"?>
					<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
					  <sitemap><loc>%s/replies.xml</loc></sitemap>
					</sitemapindex>""".formatted(base));
			Files.writeString(root.resolve("replies.xml"), """
					<?xml version="1.0" encoding="UTF-8"?>
					<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
					  <url><loc>%1$s/only-in-sitemap.html</loc></url>
					  <url><loc>%1$s/linked.html</loc></url>
					  <url><loc>http://elsewhere.test/other.html</loc></url>
					</urlset>""".formatted(base));
			Files.writeString(root.resolve("index.html"), "<a href=\"linked.html\">1</a>");
			Files.writeString(root.resolve("linked.html"), "<p>答复一</p>");
			Files.writeString(root.resolve("only-in-sitemap.html"), "<p>答复二</p>");
			List<CrawledPage> pages = new ArrayList<>();

			CrawlSummary summary = crawler(pages).crawl(profile(List.of(mapped.baseUri().resolve("/index.html")), 0));

			assertThat(pages).extracting(page -> URI.create(page.url()).getPath())
				.containsExactlyInAnyOrder("/linked.html", "/only-in-sitemap.html");
			assertThat(summary.errorsByKind()).isEmpty();
			assertThat(mapped.requestedPaths()).contains("/sitemap-index.xml", "/replies.xml");
		}
	}

	@Test
	void followsAListingsPagesNumberedInItsQueryWhateverItsPathIsCalled() throws Exception {
		// list.jsp?page=N, two replies a page, at detail.jsp?id=N: no path says which is
		// a listing, and no page links enough replies to pass for one.
		HttpServer jspSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		jspSite.createContext("/", exchange -> {
			URI requested = exchange.getRequestURI();
			String query = requested.getQuery() == null ? "" : requested.getQuery();
			String body;
			int status = 200;
			if (requested.getPath().equals("/list.jsp")) {
				int page = query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1;
				body = IntStream.rangeClosed(page * 2 - 1, page * 2)
					.mapToObj(id -> "<li><a href=\"detail.jsp?id=" + id + "\">关于市十五届人大三次会议第" + id + "号代表建议的答复</a></li>")
					.collect(Collectors.joining("", "<ul>", "</ul>"))
						+ (page < 3 ? "<a href=\"list.jsp?page=" + (page + 1) + "\">下一页</a>" : "");
			}
			else if (requested.getPath().equals("/detail.jsp")) {
				body = "<p>答复 " + query + "</p>";
			}
			else {
				body = "";
				status = 404;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		jspSite.start();
		try {
			URI start = URI.create("http://127.0.0.1:" + jspSite.getAddress().getPort() + "/list.jsp");
			List<CrawledPage> pages = new ArrayList<>();

			CrawlSummary summary = crawler(pages).crawl(profile(List.of(start), 0));

			assertThat(pages).extracting(page -> URI.create(page.url()).getQuery())
				.containsExactlyInAnyOrder("id=1", "id=2", "id=3", "id=4", "id=5", "id=6");
			assertThat(summary.newReplies()).isEqualTo(6);
		}
		finally {
			jspSite.stop(0);
		}
	}

	@Test
	void tellsTheOperatorOfRepliesALinkingListingHasOnAnotherHost() throws Exception {
		// The listing at 127.0.0.1 links its replies at localhost, as a site links its
		// disclosure subdomain.
		HttpServer twoHosts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		twoHosts.createContext("/", exchange -> {
			String body = exchange.getRequestURI().getPath().equals("/index.html") ? "<a href=\"http://localhost:"
					+ twoHosts.getAddress().getPort() + "/art/1.html\">关于市十五届人大三次会议第1号代表建议的答复</a>" : "";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(bytes.length == 0 ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		twoHosts.start();
		int port = twoHosts.getAddress().getPort();
		try {
			List<CrawledPage> pages = new ArrayList<>();

			CrawlSummary summary = crawler(pages)
				.crawl(profile(List.of(URI.create("http://127.0.0.1:" + port + "/index.html")), 0));

			assertThat(pages).isEmpty();
			assertThat(summary.errorsByKind()).containsEntry("off-site-links", 1);
			assertThat(summary.errors())
				.anySatisfy(error -> assertThat(error).contains("links 1 replies on other hosts", "[localhost]",
						"http://localhost:" + port + "/art/1.html", "add a start URL on those hosts"));
		}
		finally {
			twoHosts.stop(0);
		}
	}

	@Test
	void fetchesUpToTheSitesConcurrencyAtOnceStartingEachRequestTheDelayApart() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		List<Instant> detailStarts = new CopyOnWriteArrayList<>();
		HttpServer slowSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		slowSite.setExecutor(Executors.newCachedThreadPool());
		slowSite.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			try {
				String body = "<p>答复</p>";
				if (path.equals("/index.html")) {
					body = IntStream.rangeClosed(1, 9)
						.mapToObj(i -> "<a href=\"" + i + ".html\">" + i + "</a>")
						.collect(Collectors.joining());
				}
				else if (path.matches("/\\d\\.html")) {
					detailStarts.add(Instant.now());
					Thread.sleep(300);
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(path.equals("/robots.txt") ? 404 : 200, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				inFlight.decrementAndGet();
				exchange.close();
			}
		});
		slowSite.start();
		try {
			URI start = URI.create("http://127.0.0.1:" + slowSite.getAddress().getPort() + "/index.html");
			SiteProfile concurrent = new SiteProfile("concurrent", null, List.of(start), null, null, null, null, null,
					50, 3, true);
			List<CrawledPage> pages = new CopyOnWriteArrayList<>();

			CrawlSummary summary = crawler(pages).crawl(concurrent);

			assertThat(summary.newReplies()).isEqualTo(9);
			assertThat(pages).hasSize(9);
			assertThat(mostInFlight.get()).as("three at once, never more").isEqualTo(3);
			List<Instant> starts = detailStarts.stream().sorted().toList();
			for (int i = 1; i < starts.size(); i++) {
				// 50 ms apart as the crawler starts them; the server, seeing them arrive
				// on a
				// busy machine, may see less, but never all at once.
				assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isGreaterThan(Duration.ofMillis(25));
			}
		}
		finally {
			slowSite.stop(0);
		}
	}

	@Test
	void namesItselfFollowsTheRobotsRulesForDafuWithTheirCrawlDelayAndAsksIfModifiedSince() throws Exception {
		List<String> userAgents = new CopyOnWriteArrayList<>();
		List<String> requested = new CopyOnWriteArrayList<>();
		List<Instant> pageStarts = new CopyOnWriteArrayList<>();
		String lastModified = "Wed, 20 Nov 2024 08:00:00 GMT";
		HttpServer robotsSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		robotsSite.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
			requested.add(path);
			String body = switch (path) {
				case "/robots.txt" ->
					"User-agent: dafu\nCrawl-delay: 1\nDisallow: /secret.html\n\nUser-agent: *\nDisallow: /\n";
				case "/index.html" -> "<a href=\"a.html\">1</a><a href=\"b.html\">2</a><a href=\"secret.html\">3</a>";
				default -> "<p>" + path + "</p>";
			};
			if (!path.equals("/robots.txt")) {
				pageStarts.add(Instant.now());
			}
			exchange.getResponseHeaders().set("Last-Modified", lastModified);
			if (lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
				exchange.sendResponseHeaders(304, -1);
			}
			else {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		robotsSite.start();
		try {
			SiteProfile profile = profile(
					List.of(URI.create("http://127.0.0.1:" + robotsSite.getAddress().getPort() + "/index.html")), 0);
			PageHistory history = PageHistory.inMemory();

			CrawlSummary first = crawler(new ArrayList<>(), 10_000, history).crawl(profile);
			CrawlSummary second = crawler(new ArrayList<>(), 10_000, history).crawl(profile);

			assertThat(userAgents).isNotEmpty().allSatisfy(agent -> assertThat(agent).isEqualTo("DafuTest/1.0"));
			assertThat(requested).doesNotContain("/secret.html").contains("/a.html", "/b.html");
			assertThat(first.skippedByRobots()).isEqualTo(1);
			assertThat(first.newReplies()).isEqualTo(2);
			assertThat(second.pagesUnchanged()).as("304 to If-Modified-Since").isEqualTo(2);
			for (int i = 1; i < 3; i++) {
				assertThat(Duration.between(pageStarts.get(i - 1), pageStarts.get(i)))
					.as("robots.txt's Crawl-delay of 1 s, longer than the site's delay of 0")
					.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			}
		}
		finally {
			robotsSite.stop(0);
		}
	}

	@Test
	void stopsAtTheSitesPageLimit() throws Exception {
		SiteProfile limited = new SiteProfile("corpus", null, List.of(site.baseUri().resolve("/index.html")), null,
				null, null, null, 5, 0, null, true);

		CrawlSummary summary = crawler(new ArrayList<>()).crawl(limited);

		assertThat(summary.pagesFetched()).isEqualTo(5);
		assertThat(summary.stoppedEarly()).isEqualTo("maxPages (5) reached");
		assertThat(summary.coverage()).as("listings left unread are no shortfall").isEmpty();
	}

	@Test
	void refusesLoopbackAndPrivateAddressesUnlessTheSiteAllowsThem() throws Exception {
		SiteProfile internetSite = new SiteProfile("internet", null, List.of(site.baseUri().resolve("/index.html")),
				null, null, null, null, null, 0, null, false);
		int before = site.requests().size();

		CrawlSummary summary = crawler(new ArrayList<>()).crawl(internetSite);

		assertThat(site.requests()).hasSize(before);
		assertThat(summary.errorsByKind()).containsEntry("blocked-address", 1);
		assertThat(summary.errors()).singleElement().asString().contains("resolves to 127.0.0.1, not a public address");
	}

	@Test
	void aPageOverTheSizeLimitIsReportedNotSent() throws Exception {
		Files.write(folder.resolve("big.html"), new byte[2048]);
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages, 1024).crawl(profile(List.of(site.baseUri().resolve("/big.html")), 0));

		assertThat(pages).isEmpty();
		assertThat(summary.errorsByKind()).containsEntry("too-large", 1);
		assertThat(summary.errors()).singleElement().asString().contains("larger than 1024 bytes");
	}

	@Test
	void anUnreachableSiteIsReportedNotFatal() throws Exception {
		List<CrawledPage> pages = new ArrayList<>();

		CrawlSummary summary = crawler(pages).crawl(profile(List.of(URI.create("http://127.0.0.1:9/index.html")), 0));

		assertThat(pages).isEmpty();
		assertThat(summary.errorsByKind()).containsEntry("robots-unavailable", 1);
		assertThat(summary.errors()).singleElement()
			.asString()
			.contains("http://127.0.0.1:9/robots.txt is unavailable", "ConnectException");
	}

	static SiteCrawler crawler(List<CrawledPage> pages) {
		return crawler(pages, 10_000_000, PageHistory.inMemory());
	}

	private static SiteCrawler crawler(List<CrawledPage> pages, long maxBytes) {
		return crawler(pages, maxBytes, PageHistory.inMemory());
	}

	private static SiteCrawler crawler(List<CrawledPage> pages, long maxBytes, PageHistory history) {
		return crawler(pages, maxBytes, history, Frontier.inMemory());
	}

	private static SiteCrawler crawler(List<CrawledPage> pages, long maxBytes, PageHistory history, Frontier frontier) {
		return crawler(collecting(pages, new ArrayList<>()), maxBytes, history, frontier);
	}

	private static SiteCrawler crawler(PageSink sink, long maxBytes, PageHistory history, Frontier frontier) {
		return new SiteCrawler(new PageFetcher("DafuTest/1.0", Duration.ofSeconds(5), maxBytes, 1, Duration.ZERO),
				"dafu", sink, history, frontier, METERS);
	}

	private static PageSink collecting(List<CrawledPage> pages, List<PageGone> gone) {
		return new PageSink() {

			@Override
			public void fetched(CrawledPage page) {
				pages.add(page);
			}

			@Override
			public void gone(PageGone page) {
				gone.add(page);
			}
		};
	}

	static SiteProfile profile(List<URI> startUrls, int delayMs) {
		return new SiteProfile("corpus", null, startUrls, null, null, null, null, null, delayMs, null, true);
	}

}
