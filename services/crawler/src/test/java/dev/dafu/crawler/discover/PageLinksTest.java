package dev.dafu.crawler.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** What pages and data endpoints link, read without running their scripts. */
class PageLinksTest {

	private static final String BASE = "http://site.test/zwgk/list/index.html";

	@Test
	void readsAnchorsNoscriptRowsScriptRowsAndTheEndpointsScriptsLoad() {
		String html = """
				<a href="../a.html">首页</a>
				<noscript><ul><li><a href="202406/t1.html">对第1号建议的答复</a></li></ul></noscript>
				<script type="text/xml"><datastore><record><![CDATA[<li><a href="/art/2024/6/1/art_1_2.html">答复</a></li>]]></record></datastore></script>
				<script>
				  var rows = [{ url: '/c123/content.html' }];
				  $.ajax({ type: "GET", url: "/api/rows?type=jy", dataType: "json" });
				  fetch("data/list.json?page=1").then(render);
				  var tpl = '<li><a href="' + row.link + '">' + row.title + '</a></li>';
				  createPageHTML(3, 0, "index", "html");
				</script>
				<script src="/js/jquery.js"></script>
				<div id="list" data-url="/api/more.xml"></div><p>共25件</p>
				""";

		PageLinks.Found found = PageLinks.of(Jsoup.parse(html, BASE));

		assertThat(found.anchors()).containsKeys("http://site.test/zwgk/a.html",
				"http://site.test/zwgk/list/202406/t1.html");
		assertThat(found.scripted()).containsExactlyInAnyOrder("http://site.test/art/2024/6/1/art_1_2.html",
				"http://site.test/c123/content.html");
		assertThat(found.endpoints()).containsExactlyInAnyOrder("http://site.test/api/rows?type=jy",
				"http://site.test/zwgk/list/data/list.json?page=1", "http://site.test/api/more.xml");
		assertThat(found.pagination()).containsExactly("http://site.test/zwgk/list/index_1.html",
				"http://site.test/zwgk/list/index_2.html");
		assertThat(found.printedTotal()).isEqualTo(25);
	}

	@Test
	void readsJsonRowsAgainstThePageThatNamedTheEndpointAndCountsItsPages() throws IOException {
		String json = """
				{"code":0,"data":{"list":[{"title":"答复一","link":"202406/t1.html","cover":"/img/a.png"},
				{"title":"答复二","detailUrl":"/art/2024/6/2/art_1_3.html","pubDate":"2024-06-02"}],
				"pageNo":1,"pageSize":2,"total":5}}
				""";

		FeedLinks.Found found = FeedLinks.of(json.getBytes(StandardCharsets.UTF_8), "application/json",
				"http://site.test/api/rows?pageNo=1&type=jy", BASE);

		assertThat(found.links()).containsExactlyInAnyOrder("http://site.test/zwgk/list/202406/t1.html",
				"http://site.test/art/2024/6/2/art_1_3.html");
		assertThat(found.pages()).containsExactly("http://site.test/api/rows?pageNo=1&type=jy",
				"http://site.test/api/rows?pageNo=2&type=jy", "http://site.test/api/rows?pageNo=3&type=jy");
	}

	@Test
	void readsJsonpAndXmlRows() throws IOException {
		FeedLinks.Found jsonp = FeedLinks.of(
				"jQuery123({\"rows\":[{\"href\":\"/a/1.html\"}],\"totalPages\":2})".getBytes(StandardCharsets.UTF_8),
				"application/javascript", "http://site.test/rows.js?page=0", BASE);
		FeedLinks.Found xml = FeedLinks.of("""
				<?xml version="1.0" encoding="UTF-8"?>
				<datastore><totalpage>1</totalpage><recordset>
				<record><![CDATA[<li><a href="/art/2024/6/28/art_1_5.html">答复</a></li>]]></record>
				<record><url>/b/2.shtml</url></record></recordset></datastore>
				""".getBytes(StandardCharsets.UTF_8), "application/xml", "http://site.test/data.xml", BASE);

		assertThat(jsonp.links()).containsExactly("http://site.test/a/1.html");
		assertThat(jsonp.pages()).containsExactly("http://site.test/rows.js?page=0", "http://site.test/rows.js?page=1");
		assertThat(xml.links()).containsExactlyInAnyOrder("http://site.test/art/2024/6/28/art_1_5.html",
				"http://site.test/b/2.shtml");
		assertThat(xml.pages()).isEmpty();
	}

	@Test
	void tellsDataFromPagesAndSitemaps() {
		assertThat(FeedLinks.isFeed("{\"a\":1}".getBytes(StandardCharsets.UTF_8), null)).isTrue();
		assertThat(FeedLinks.isFeed("<?xml version=\"1.0\"?><datastore/>".getBytes(StandardCharsets.UTF_8),
				"application/xml"))
			.isTrue();
		assertThat(FeedLinks.isFeed("<?xml version=\"1.0\"?><urlset/>".getBytes(StandardCharsets.UTF_8),
				"application/xml"))
			.isFalse();
		assertThat(FeedLinks.isFeed("<html></html>".getBytes(StandardCharsets.UTF_8), "text/html")).isFalse();
	}

}
