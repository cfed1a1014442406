package dev.dafu.crawler.discover;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class SitemapLinksTest {

	private static final URL AT = url("http://site.test/sitemap.xml");

	@Test
	void anIndexListsSitemapsAndASitemapPages() throws IOException {
		SitemapLinks.Found index = SitemapLinks.of("application/xml", """
				<?xml version="1.0" encoding="UTF-8"?>
				<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
				  <sitemap><loc>http://site.test/sitemap-2024.xml</loc></sitemap>
				</sitemapindex>
				""".getBytes(StandardCharsets.UTF_8), AT);
		SitemapLinks.Found pages = SitemapLinks.of("application/xml", """
				<?xml version="1.0" encoding="UTF-8"?>
				<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
				  <url><loc>http://site.test/jyta/t2024.html</loc></url>
				</urlset>
				""".getBytes(StandardCharsets.UTF_8), AT);

		assertThat(index.sitemaps()).containsExactly("http://site.test/sitemap-2024.xml");
		assertThat(index.pages()).isEmpty();
		assertThat(pages.pages()).containsExactly("http://site.test/jyta/t2024.html");
	}

	@Test
	void somethingElseIsRefusedWithAnIOException() {
		assertThatIOException()
			.isThrownBy(() -> SitemapLinks.of("application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), AT));
	}

	private static URL url(String url) {
		try {
			return URI.create(url).toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
