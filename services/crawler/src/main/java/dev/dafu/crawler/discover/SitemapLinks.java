package dev.dafu.crawler.discover;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.UnknownFormatException;

/** What a sitemap lists: the sitemaps of a sitemap index, or the pages of a sitemap. */
public final class SitemapLinks {

	private SitemapLinks() {
	}

	/**
	 * Reads a sitemap (XML, plain text or a feed, gzipped or not) fetched from
	 * {@code url}.
	 * @throws IOException when it is none of these
	 */
	public static Found of(String contentType, byte[] body, URL url) throws IOException {
		AbstractSiteMap sitemap;
		try {
			sitemap = new SiteMapParser(false).parseSiteMap(contentType, body, url);
		}
		catch (UnknownFormatException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		if (sitemap instanceof SiteMapIndex index) {
			return new Found(index.getSitemaps().stream().map(child -> child.getUrl().toString()).toList(), List.of());
		}
		if (sitemap instanceof SiteMap urls) {
			return new Found(List.of(), urls.getSiteMapUrls().stream().map(page -> page.getUrl().toString()).toList());
		}
		return new Found(List.of(), List.of());
	}

	/**
	 * @param sitemaps the sitemaps a sitemap index lists
	 * @param pages the pages a sitemap lists
	 */
	public record Found(List<String> sitemaps, List<String> pages) {
	}

}
