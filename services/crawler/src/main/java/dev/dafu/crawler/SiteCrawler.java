package dev.dafu.crawler;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import crawlercommons.filters.basic.BasicURLNormalizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.reply.CrawledPage;

/**
 * Crawls one site: each start page, then every page it links to on the same host, each
 * allowed by robots.txt. Every page fetched is handed on; deciding what is a reply is the
 * parser's job.
 */
class SiteCrawler {

	private static final Logger log = LoggerFactory.getLogger(SiteCrawler.class);

	private final PageFetcher fetcher;

	private final String robotsName;

	private final Consumer<CrawledPage> pages;

	private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

	SiteCrawler(PageFetcher fetcher, String robotsName, Consumer<CrawledPage> pages) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.pages = pages;
	}

	CrawlSummary crawl(CrawlerProperties.Site site) throws InterruptedException {
		SiteVisit visit = new SiteVisit(site, new RobotsRules(this.fetcher, this.robotsName));
		Set<URI> startUrls = new LinkedHashSet<>();
		for (URI start : site.startUrls()) {
			URI uri = normalise(start.toString());
			if (uri == null) {
				visit.errors.add(start + ": not an http(s) URL");
			}
			else {
				startUrls.add(uri);
			}
		}
		Set<URI> linked = new LinkedHashSet<>();
		for (URI uri : startUrls) {
			FetchedPage page = visit.fetchAndSend(uri);
			if (page != null) {
				linked.addAll(sameHostLinks(page));
			}
		}
		linked.removeAll(startUrls);
		for (URI uri : linked) {
			visit.fetchAndSend(uri);
		}
		CrawlSummary summary = new CrawlSummary(site.id(), visit.sent, visit.forbidden, List.copyOf(visit.errors));
		log.info("Crawled site {}: {} pages sent, {} forbidden by robots.txt, {} errors {}", site.id(),
				summary.pagesSent(), summary.skippedByRobots(), summary.errors().size(), summary.errors());
		return summary;
	}

	private Set<URI> sameHostLinks(FetchedPage page) {
		Set<URI> links = new LinkedHashSet<>();
		if (page.contentType() != null && !page.contentType().toLowerCase(Locale.ROOT).contains("html")) {
			return links;
		}
		Document document = Jsoup.parse(new String(page.body(), charset(page.contentType())), page.uri().toString());
		for (Element anchor : document.select("a[href]")) {
			URI link = normalise(anchor.absUrl("href"));
			if (link != null && link.getHost() != null && link.getHost().equalsIgnoreCase(page.uri().getHost())
					&& link.getPort() == page.uri().getPort()) {
				links.add(link);
			}
		}
		return links;
	}

	/** The URL in canonical form, or null when it is not an http(s) URL. */
	private URI normalise(String url) {
		String normalised = this.normalizer.filter(url);
		if (normalised == null) {
			return null;
		}
		URI uri = URI.create(normalised);
		String scheme = uri.getScheme();
		return "http".equals(scheme) || "https".equals(scheme) ? uri : null;
	}

	private static Charset charset(String contentType) {
		if (contentType != null) {
			int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
			if (at >= 0) {
				try {
					return Charset.forName(contentType.substring(at + 8).replace("\"", "").strip());
				}
				catch (RuntimeException ex) {
					// An unknown charset name: links are ASCII in practice, so UTF-8
					// still finds them.
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static CrawledPage toCrawledPage(CrawlerProperties.Site site, FetchedPage page) {
		return new CrawledPage(page.uri().toString(), site.id(), Instant.now(), page.status(), page.contentType(),
				page.body());
	}

	/** One crawl of one site: what it sent, skipped and failed on. */
	private final class SiteVisit {

		private final CrawlerProperties.Site site;

		private final RobotsRules robots;

		private final List<String> errors = new ArrayList<>();

		private int sent;

		private int forbidden;

		SiteVisit(CrawlerProperties.Site site, RobotsRules robots) {
			this.site = site;
			this.robots = robots;
		}

		/**
		 * Fetches {@code uri} if robots.txt allows it and hands it on; null when it was
		 * not fetched.
		 */
		FetchedPage fetchAndSend(URI uri) throws InterruptedException {
			try {
				if (!this.robots.allows(uri)) {
					this.forbidden++;
					return null;
				}
				FetchedPage page = SiteCrawler.this.fetcher.fetch(uri);
				if (!page.ok()) {
					this.errors.add(uri + ": HTTP " + page.status());
					return null;
				}
				SiteCrawler.this.pages.accept(toCrawledPage(this.site, page));
				this.sent++;
				return page;
			}
			catch (IOException ex) {
				this.errors.add(uri + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
				return null;
			}
		}

	}

}
