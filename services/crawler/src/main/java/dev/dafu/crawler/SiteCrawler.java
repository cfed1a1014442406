package dev.dafu.crawler;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import crawlercommons.filters.basic.BasicURLNormalizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PagePart;

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

	/** A reply printed over more pages than this is taken as a loop or a trap. */
	private static final int MAX_PARTS = 20;

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
			FetchedPage page = visit.fetch(uri);
			if (page != null) {
				visit.send(page, List.of());
				linked.addAll(sameHostLinks(page));
			}
		}
		linked.removeAll(startUrls);
		for (URI uri : linked) {
			FetchedPage page = visit.fetch(uri);
			if (page != null) {
				visit.send(page, visit.continuationOf(page));
			}
		}
		CrawlSummary summary = new CrawlSummary(site.id(), visit.sent, visit.forbidden, List.copyOf(visit.errors));
		log.info("Crawled site {}: {} pages sent, {} forbidden by robots.txt, {} errors {}", site.id(),
				summary.pagesSent(), summary.skippedByRobots(), summary.errors().size(), summary.errors());
		return summary;
	}

	private Set<URI> sameHostLinks(FetchedPage page) {
		Set<URI> links = new LinkedHashSet<>();
		if (!isHtml(page)) {
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

	/**
	 * How continuation pages of the page at {@code uri} are named; null when its name has
	 * no extension.
	 */
	private static Pattern continuationName(URI uri) {
		String path = uri.getPath();
		int dot = path == null ? -1 : path.lastIndexOf('.');
		if (dot <= path.lastIndexOf('/')) {
			return null;
		}
		return Pattern.compile(Pattern.quote(path.substring(0, dot)) + "_\\d+" + Pattern.quote(path.substring(dot)));
	}

	/** The page's 下一页 link, when it leads to a page named like a continuation. */
	private URI nextPageLink(FetchedPage page, Pattern partName) {
		if (!isHtml(page)) {
			return null;
		}
		Document document = Jsoup.parse(new String(page.body(), charset(page.contentType())), page.uri().toString());
		for (Element anchor : document.select("a[href]")) {
			if (anchor.text().contains("下一页")) {
				URI link = normalise(anchor.absUrl("href"));
				if (link != null && link.getPath() != null && partName.matcher(link.getPath()).matches()) {
					return link;
				}
			}
		}
		return null;
	}

	private static boolean isHtml(FetchedPage page) {
		return page.contentType() == null || page.contentType().toLowerCase(Locale.ROOT).contains("html");
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
		 * Fetches {@code uri} if robots.txt allows it; null, counted or with an error
		 * line, when it was not.
		 */
		FetchedPage fetch(URI uri) throws InterruptedException {
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
				return page;
			}
			catch (IOException ex) {
				this.errors.add(uri + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
				return null;
			}
		}

		void send(FetchedPage page, List<PagePart> parts) {
			SiteCrawler.this.pages.accept(new CrawledPage(page.uri().toString(), this.site.id(), Instant.now(),
					page.status(), page.contentType(), page.body(), parts));
			this.sent++;
		}

		/**
		 * The continuation pages of a page printed over several: each linked by 下一页 and
		 * named after the first ({@code t2024_1.html} for {@code t2024.html}), at most
		 * {@code MAX_PARTS}.
		 */
		List<PagePart> continuationOf(FetchedPage first) throws InterruptedException {
			Pattern partName = continuationName(first.uri());
			List<PagePart> parts = new ArrayList<>();
			Set<URI> seen = new HashSet<>(Set.of(first.uri()));
			FetchedPage current = first;
			while (partName != null && parts.size() < MAX_PARTS) {
				URI next = nextPageLink(current, partName);
				if (next == null || !seen.add(next)) {
					break;
				}
				current = fetch(next);
				if (current == null) {
					break;
				}
				parts.add(new PagePart(current.uri().toString(), current.contentType(), current.body()));
			}
			return parts;
		}

	}

}
