package dev.dafu.crawler.discover;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DetailLinksTest {

	private static final URI PAGE = URI.create("http://site.test/jyta/t2024.html");

	@Test
	void aContinuationIsTheNextPageNamedAfterTheFirst() {
		Pattern parts = DetailLinks.continuationName(PAGE);
		Document page = Jsoup.parse("<a href=\"/other.html\">下一页</a> <a href=\"t2024_1.html\">下一页</a>",
				PAGE.toString());

		assertThat(DetailLinks.nextPage(page, parts)).isEqualTo(URI.create("http://site.test/jyta/t2024_1.html"));
		assertThat(DetailLinks.nextPage(Jsoup.parse("<a href=\"/other.html\">下一页</a>", PAGE.toString()), parts))
			.as("a 下一页 to a page of another name is a listing's, not the reply's")
			.isNull();
		assertThat(DetailLinks.continuationName(URI.create("http://site.test/jyta/"))).isNull();
	}

	@Test
	void filesAreTheLinkedDocumentsTheRuleAllowsUpToTheLimit() {
		Document page = Jsoup.parse("""
				<a href="/files/a.pdf">答复全文</a>
				<a href="http://elsewhere.test/b.docx">另一网站的附件</a>
				<a href="/files/c.doc">附件二</a>
				<a href="/news.html">新闻</a>
				<a href="/files/d.pdf">附件三</a>
				""", PAGE.toString());

		Map<URI, String> files = DetailLinks.files(page, file -> file.getHost().equals("site.test"), 2);

		assertThat(files.keySet()).containsExactly(URI.create("http://site.test/files/a.pdf"),
				URI.create("http://site.test/files/c.doc"));
	}

}
