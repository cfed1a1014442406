package dev.dafu.crawler;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
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
 * Crawls one site: from its start pages through its listings (their links, their
 * pagination, including page counts only printed in {@code createPageHTML(…)}), handing
 * every detail page with its continuation pages to the parser. It stays on the start
 * pages' hosts, obeys robots.txt, keeps the site's delay between requests, stops at the
 * site's page limit, and checks each listing's printed total (共N件) against the detail
 * links it found.
 */
class SiteCrawler {

	private static final Logger log = LoggerFactory.getLogger(SiteCrawler.class);

	/** A reply printed over more pages than this is taken as a loop or a trap. */
	private static final int MAX_PARTS = 20;

	private static final int MAX_ERROR_LINES = 200;

	private static final Pattern PAGE_COUNT = Pattern
		.compile("createPageHTML\\(\\s*(\\d+)\\s*,\\s*\\d+\\s*,\\s*[\"']([^\"']+)[\"']\\s*,\\s*[\"']([^\"']+)[\"']");

	private static final Pattern PRINTED_TOTAL = Pattern.compile("共\\s*(\\d+)\\s*[件条篇]");

	private final PageFetcher fetcher;

	private final String robotsName;

	private final Consumer<CrawledPage> pages;

	private final PageHistory history;

	private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

	SiteCrawler(PageFetcher fetcher, String robotsName, Consumer<CrawledPage> pages, PageHistory history) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.pages = pages;
		this.history = history;
	}

	CrawlSummary crawl(SiteProfile site) throws InterruptedException {
		return crawl(site, "adhoc", () -> false);
	}

	/** Crawls {@code site} until done, its page limit, or {@code cancelled} says so. */
	CrawlSummary crawl(SiteProfile site, String crawlId, BooleanSupplier cancelled) throws InterruptedException {
		SiteVisit visit = new SiteVisit(site, crawlId);
		Deque<URI> listings = new ArrayDeque<>();
		Set<URI> seen = new HashSet<>();
		Set<URI> details = new LinkedHashSet<>();
		for (URI start : site.startUrls()) {
			URI uri = normalise(start.toString());
			if (uri == null) {
				visit.error("invalid-url", start + ": not an http(s) URL");
			}
			else if (seen.add(uri)) {
				visit.hosts.add(hostOf(uri));
				(site.isListing(uri.getPath()) ? listings : details).add(uri);
			}
		}
		while (!listings.isEmpty() && visit.mayGoOn(cancelled)) {
			URI uri = listings.removeFirst();
			FetchedPage page = visit.fetch(uri);
			if (page == null || !isHtml(page)) {
				continue;
			}
			Document document = parse(page);
			Set<URI> found = new LinkedHashSet<>();
			for (URI link : links(document, visit.hosts)) {
				if (site.isListing(link.getPath())) {
					if (seen.add(link)) {
						listings.add(link);
					}
				}
				else if (site.isDetail(link.getPath())) {
					found.add(link);
				}
			}
			for (URI next : pagination(document, uri)) {
				if (seen.add(next)) {
					listings.add(next);
				}
			}
			visit.countListing(uri, document, found);
			details.addAll(found);
		}
		for (URI uri : details) {
			if (!visit.mayGoOn(cancelled)) {
				break;
			}
			visit.crawlDetail(uri);
		}
		CrawlSummary summary = visit.summary(cancelled.getAsBoolean());
		log.info(
				"Crawled site {}: {} pages fetched, {} sent, {} unchanged, {} gone, {} forbidden by robots.txt, "
						+ "errors {}, coverage {}{}",
				site.id(), summary.pagesFetched(), summary.pagesSent(), summary.pagesUnchanged(), summary.pagesGone(),
				summary.skippedByRobots(), summary.errorsByKind(), summary.coverage(),
				summary.stoppedEarly() == null ? "" : ", stopped early: " + summary.stoppedEarly());
		return summary;
	}

	private Set<URI> links(Document document, Set<String> hosts) {
		Set<URI> links = new LinkedHashSet<>();
		for (Element anchor : document.select("a[href]")) {
			URI link = normalise(anchor.absUrl("href"));
			if (link != null && hosts.contains(hostOf(link))) {
				links.add(link);
			}
		}
		return links;
	}

	/**
	 * Pages of a paginated listing that only a script call names:
	 * {@code createPageHTML(12, 0, "index", "html")}.
	 */
	private List<URI> pagination(Document document, URI listing) {
		List<URI> pages = new ArrayList<>();
		for (Element script : document.select("script")) {
			Matcher call = PAGE_COUNT.matcher(script.data());
			if (call.find()) {
				int count = Math.min(Integer.parseInt(call.group(1)), 10_000);
				for (int i = 1; i < count; i++) {
					URI page = normalise(listing.resolve(call.group(2) + "_" + i + "." + call.group(3)).toString());
					if (page != null) {
						pages.add(page);
					}
				}
			}
		}
		return pages;
	}

	/** The URL in canonical form, or null when it is not an http(s) URL. */
	private URI normalise(String url) {
		String normalised = this.normalizer.filter(url);
		if (normalised == null) {
			return null;
		}
		try {
			URI uri = URI.create(normalised);
			String scheme = uri.getScheme();
			return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String hostOf(URI uri) {
		return uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
	}

	private static Document parse(FetchedPage page) {
		return Jsoup.parse(new String(page.body(), charset(page.contentType())), page.uri().toString());
	}

	private static boolean isHtml(FetchedPage page) {
		return page.contentType() == null || page.contentType().toLowerCase(Locale.ROOT).contains("html");
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

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * A detail page's continuation pages and the hash of what they all say.
	 *
	 * @param parts the continuation pages, in order
	 * @param contentHash the hash of the page's and its continuations' readable content
	 */
	private record Continued(List<PagePart> parts, String contentHash) {
	}

	/** One crawl of one site: its politeness, its counts and its errors. */
	private final class SiteVisit {

		private final SiteProfile site;

		private final String crawlId;

		private final RobotsRules robots;

		private final Set<String> hosts = new HashSet<>();

		private final Map<String, Instant> lastRequestEnded = new HashMap<>();

		private final Map<String, Integer> errorsByKind = new TreeMap<>();

		private final List<String> errors = new ArrayList<>();

		private final List<String> coverage = new ArrayList<>();

		/**
		 * Per listing folder: the largest printed total, and the detail links found
		 * there.
		 */
		private final Map<String, Integer> printedTotals = new TreeMap<>();

		private final Map<String, Set<URI>> foundByFolder = new HashMap<>();

		private int fetched;

		private int sent;

		private int unchanged;

		private int gone;

		private int forbidden;

		private String stoppedEarly;

		SiteVisit(SiteProfile site, String crawlId) {
			this.site = site;
			this.crawlId = crawlId;
			this.robots = new RobotsRules(SiteCrawler.this.fetcher, SiteCrawler.this.robotsName,
					site.allowPrivateNetwork());
		}

		boolean mayGoOn(BooleanSupplier cancelled) {
			if (cancelled.getAsBoolean()) {
				this.stoppedEarly = "cancelled";
				return false;
			}
			if (this.fetched >= this.site.maxPages()) {
				this.stoppedEarly = "maxPages (" + this.site.maxPages() + ") reached";
				return false;
			}
			return true;
		}

		/**
		 * Fetches {@code uri} if robots.txt allows it, after the site's delay; null when
		 * it was not fetched.
		 */
		FetchedPage fetch(URI uri) throws InterruptedException {
			FetchedPage page = fetch(uri, null);
			if (page != null && !page.ok()) {
				error("http-" + page.status(), uri + ": HTTP " + page.status());
				return null;
			}
			return page;
		}

		/**
		 * Fetches {@code uri} if robots.txt allows it, after the site's delay,
		 * conditionally on what {@code before} saw; null, counted, when it was not
		 * fetched. Any status comes back.
		 */
		private FetchedPage fetch(URI uri, PageHistory.PageState before) throws InterruptedException {
			try {
				AddressGuard.check(uri, this.site.allowPrivateNetwork());
				if (!this.robots.allows(uri)) {
					this.forbidden++;
					return null;
				}
				waitForTurn(uri);
				this.fetched++;
				try {
					return SiteCrawler.this.fetcher.fetch(uri, this.site.allowPrivateNetwork(),
							before == null ? null : before.etag(), before == null ? null : before.lastModified());
				}
				finally {
					this.lastRequestEnded.put(hostOf(uri), Instant.now());
				}
			}
			catch (IOException ex) {
				error(kindOf(ex), uri + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
				return null;
			}
		}

		/**
		 * Keeps at least the site's delay (or robots.txt's Crawl-delay, if longer)
		 * between the end of one request to a host and the start of the next, so the host
		 * sees its requests at least that far apart however long each takes.
		 */
		private void waitForTurn(URI uri) throws InterruptedException, IOException {
			Duration delay = Duration.ofMillis(this.site.delayMs());
			Duration crawlDelay = this.robots.crawlDelay(uri);
			if (crawlDelay.compareTo(delay) > 0) {
				delay = crawlDelay;
			}
			Instant last = this.lastRequestEnded.get(hostOf(uri));
			if (last != null) {
				long wait = Duration.between(Instant.now(), last.plus(delay)).toMillis();
				if (wait > 0) {
					Thread.sleep(wait);
				}
			}
		}

		/**
		 * Fetches a detail page and sends it with its continuation pages, unless it is
		 * unchanged since the last crawl (a 304, or the same text); a page that was there
		 * and now answers 404 or 410 is recorded as gone.
		 */
		void crawlDetail(URI uri) throws InterruptedException {
			String url = uri.toString();
			PageHistory.PageState before = SiteCrawler.this.history.get(url).orElse(null);
			FetchedPage page = fetch(uri, before);
			if (page == null) {
				return;
			}
			Instant now = Instant.now();
			if (page.notModified() && before != null) {
				this.unchanged++;
				remember(before, PageHistory.Status.FETCHED, before.etag(), before.lastModified(), before.contentHash(),
						before.lastChangedAt(), now);
				return;
			}
			if (!page.ok()) {
				boolean wasThere = before != null && before.status() != PageHistory.Status.GONE;
				if ((page.status() == 404 || page.status() == 410) && wasThere) {
					this.gone++;
					remember(before, PageHistory.Status.GONE, null, null, before.contentHash(), now, now);
				}
				else {
					error("http-" + page.status(), uri + ": HTTP " + page.status());
				}
				return;
			}
			Continued continued = readWithContinuations(page);
			List<PagePart> parts = continued.parts();
			String hash = continued.contentHash();
			if (before != null && before.status() == PageHistory.Status.FETCHED && hash.equals(before.contentHash())) {
				this.unchanged++;
				remember(before, PageHistory.Status.FETCHED, page.etag(), page.lastModified(), hash,
						before.lastChangedAt(), now);
				return;
			}
			SiteCrawler.this.pages.accept(
					new CrawledPage(url, this.site.id(), now, page.status(), page.contentType(), page.body(), parts));
			this.sent++;
			SiteCrawler.this.history.put(new PageHistory.PageState(url, this.site.id(), PageHistory.Status.FETCHED,
					page.etag(), page.lastModified(), hash, now, now, this.crawlId));
		}

		private void remember(PageHistory.PageState before, PageHistory.Status status, String etag, String lastModified,
				String hash, Instant changedAt, Instant fetchedAt) {
			SiteCrawler.this.history.put(new PageHistory.PageState(before.url(), before.siteId(), status, etag,
					lastModified, hash, fetchedAt, changedAt, this.crawlId));
		}

		/**
		 * Fetches the continuation pages of a page printed over several (each linked by
		 * 下一页 and named after the first: {@code t2024_1.html} for {@code t2024.html}, at
		 * most {@code MAX_PARTS}), and hashes what a reader sees of them all: the text of
		 * HTML with whitespace folded, so a changed timestamp in markup is no change, and
		 * the bytes of anything else. Each page is parsed once, for both.
		 */
		private Continued readWithContinuations(FetchedPage first) throws InterruptedException {
			Pattern partName = continuationName(first.uri());
			MessageDigest digest = sha256();
			List<PagePart> parts = new ArrayList<>();
			Set<URI> seen = new HashSet<>(Set.of(first.uri()));
			FetchedPage current = first;
			while (true) {
				Document document = isHtml(current) ? parse(current) : null;
				digest.update(document == null ? current.body()
						: document.text().replaceAll("\\s+", " ").strip().getBytes(StandardCharsets.UTF_8));
				URI next = document == null || partName == null || parts.size() >= MAX_PARTS ? null
						: nextPageLink(document, partName);
				if (next == null || !seen.add(next)) {
					break;
				}
				current = fetch(next);
				if (current == null) {
					break;
				}
				parts.add(new PagePart(current.uri().toString(), current.contentType(), current.body()));
			}
			return new Continued(List.copyOf(parts), HexFormat.of().formatHex(digest.digest()));
		}

		/** The page's 下一页 link, when it leads to a page named like a continuation. */
		private URI nextPageLink(Document document, Pattern partName) {
			for (Element anchor : document.select("a[href]")) {
				if (anchor.text().contains("下一页")) {
					URI link = normalise(anchor.absUrl("href"));
					if (link != null && partName.matcher(link.getPath()).matches()) {
						return link;
					}
				}
			}
			return null;
		}

		/**
		 * Remembers a listing's printed total and the detail links it holds under its own
		 * folder.
		 */
		void countListing(URI listing, Document document, Set<URI> found) {
			String folder = listing.getPath().substring(0, listing.getPath().lastIndexOf('/') + 1);
			Matcher total = PRINTED_TOTAL.matcher(document.text());
			if (total.find()) {
				this.printedTotals.merge(folder, Integer.parseInt(total.group(1)), Math::max);
			}
			Set<URI> inFolder = this.foundByFolder.computeIfAbsent(folder, key -> new HashSet<>());
			for (URI link : found) {
				if (link.getPath().startsWith(folder)) {
					inFolder.add(link);
				}
			}
		}

		void error(String kind, String line) {
			this.errorsByKind.merge(kind, 1, Integer::sum);
			if (this.errors.size() < MAX_ERROR_LINES) {
				this.errors.add(line);
			}
		}

		CrawlSummary summary(boolean cancelled) {
			for (Map.Entry<String, Integer> printed : this.printedTotals.entrySet()) {
				int found = this.foundByFolder.getOrDefault(printed.getKey(), Set.of()).size();
				if (found < printed.getValue()) {
					this.coverage.add(printed.getKey() + ": 共" + printed.getValue() + "件 printed, " + found
							+ " detail links found");
				}
			}
			if (cancelled) {
				this.stoppedEarly = "cancelled";
			}
			return new CrawlSummary(this.site.id(), this.fetched, this.sent, this.unchanged, this.gone, this.forbidden,
					Map.copyOf(this.errorsByKind), List.copyOf(this.errors), List.copyOf(this.coverage),
					this.stoppedEarly);
		}

		private static String kindOf(IOException ex) {
			if (ex instanceof AddressGuard.BlockedAddressException) {
				return "blocked-address";
			}
			if (ex instanceof RobotsRules.RobotsUnavailableException) {
				return "robots-unavailable";
			}
			if (ex instanceof PageFetcher.PageTooLargeException) {
				return "too-large";
			}
			if (ex instanceof HttpTimeoutException) {
				return "timeout";
			}
			if (ex instanceof UnknownHostException) {
				return "unknown-host";
			}
			return "unreachable";
		}

	}

}
