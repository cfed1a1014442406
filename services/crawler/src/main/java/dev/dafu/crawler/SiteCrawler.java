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
 * Crawls one site: each start page, then every page it links to on the same host, each allowed
 * by robots.txt. Every page fetched is handed on; deciding what is a reply is the parser's job.
 */
class SiteCrawler {

	private static final Logger log = LoggerFactory.getLogger(SiteCrawler.class);

	private final PageFetcher fetcher;

	private final String robotsName;

	private final Consumer<CrawledPage> pages;

	private static final FetchedPage FORBIDDEN = new FetchedPage(URI.create("about:forbidden"), 0, null, new byte[0]);

	private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

	SiteCrawler(PageFetcher fetcher, String robotsName, Consumer<CrawledPage> pages) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.pages = pages;
	}

	CrawlSummary crawl(CrawlerProperties.Site site) throws InterruptedException {
		RobotsRules robots = new RobotsRules(this.fetcher, this.robotsName);
		Set<URI> linked = new LinkedHashSet<>();
		List<String> errors = new ArrayList<>();
		int sent = 0;
		int forbidden = 0;
		Set<URI> startUrls = new LinkedHashSet<>();
		for (URI start : site.startUrls()) {
			URI uri = normalise(start.toString());
			if (uri == null) {
				errors.add(start + ": not an http(s) URL");
			}
			else {
				startUrls.add(uri);
			}
		}
		for (URI uri : startUrls) {
			FetchedPage page = fetchAllowed(uri, robots, errors);
			if (page == FORBIDDEN) {
				forbidden++;
			}
			else if (page != null) {
				this.pages.accept(toCrawledPage(site, page));
				sent++;
				linked.addAll(sameHostLinks(page));
			}
		}
		linked.removeAll(startUrls);
		for (URI uri : linked) {
			FetchedPage page = fetchAllowed(uri, robots, errors);
			if (page == FORBIDDEN) {
				forbidden++;
			}
			else if (page != null) {
				this.pages.accept(toCrawledPage(site, page));
				sent++;
			}
		}
		CrawlSummary summary = new CrawlSummary(site.id(), sent, forbidden, List.copyOf(errors));
		log.info("Crawled site {}: {} pages sent, {} forbidden by robots.txt, {} errors {}", site.id(), sent,
				forbidden, errors.size(), errors);
		return summary;
	}

	/** The page; {@link #FORBIDDEN} when robots.txt forbids it; null, with a line in errors, when it failed. */
	private FetchedPage fetchAllowed(URI uri, RobotsRules robots, List<String> errors) throws InterruptedException {
		try {
			if (!robots.allows(uri)) {
				return FORBIDDEN;
			}
			FetchedPage page = this.fetcher.fetch(uri);
			if (!page.ok()) {
				errors.add(uri + ": HTTP " + page.status());
				return null;
			}
			return page;
		}
		catch (IOException ex) {
			errors.add(uri + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
			return null;
		}
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
					// An unknown charset name: links are ASCII in practice, so UTF-8 still finds them.
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static CrawledPage toCrawledPage(CrawlerProperties.Site site, FetchedPage page) {
		return new CrawledPage(page.uri().toString(), site.id(), Instant.now(), page.status(), page.contentType(),
				page.body());
	}

}
