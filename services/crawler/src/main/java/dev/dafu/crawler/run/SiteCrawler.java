package dev.dafu.crawler.run;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import crawlercommons.filters.basic.BasicURLNormalizer;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.discover.FeedLinks;
import dev.dafu.crawler.discover.PageLinks;
import dev.dafu.crawler.fetch.FetchScope;
import dev.dafu.crawler.fetch.FetchedPage;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.fetch.PoliteFetcher;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.reply.Attachment;
import dev.dafu.reply.AttachmentLink;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageCharset;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.PagePart;
import dev.dafu.stream.LogContext;

import org.springframework.http.ContentDisposition;

/**
 * Crawls one site: from its start pages and the sitemaps its robots.txt names through its
 * listings (their links, their pagination, including page counts only printed in
 * {@code createPageHTML(…)}), handing every new or changed detail page with its
 * continuation pages to the parser and every page that disappeared to the indexer. It
 * stays on the start pages' hosts, obeys robots.txt, keeps the site's delay and
 * concurrency towards each host, stops at the site's page limit, and checks each
 * listing's printed total (共N件) against the detail links it found. Every URL found and
 * what became of it goes to the crawl's frontier as it happens, so an interrupted crawl
 * resumes where it stopped.
 */
public class SiteCrawler {

	private static final Logger log = LoggerFactory.getLogger(SiteCrawler.class);

	/** A reply printed over more pages than this is taken as a loop or a trap. */
	private static final int MAX_PARTS = 20;

	/** A page linking more files than this is not a stub of one reply. */
	private static final int MAX_ATTACHMENTS = 10;

	/**
	 * Link text that names a reply: {@code 对…第0312号代表建议的答复}, {@code …提案答复的函},
	 * {@code …会办意见}.
	 */
	private static final Pattern REPLY_LINK_TEXT = Pattern.compile(".{0,80}(建议|提案|议案).{0,80}(答复|复函|会办意见|函)\\S{0,20}");

	/** Link text that names a year's catalogue: {@code 2023年}, {@code 2023年度建议提案}. */
	private static final Pattern YEAR_LINK_TEXT = Pattern.compile("\\s*(19|20)\\d{2}\\s*年?度?\\s*\\S{0,12}");

	/** A page linking at least this many replies is a listing, whatever its name. */
	private static final int LISTING_REPLY_LINKS = 3;

	private final PageFetcher fetcher;

	private final String robotsName;

	private final PageSink pages;

	private final PageHistory history;

	private final Frontier frontier;

	private final MeterRegistry meters;

	private final BasicURLNormalizer normalizer = new BasicURLNormalizer();

	public SiteCrawler(PageFetcher fetcher, String robotsName, PageSink pages, PageHistory history, Frontier frontier,
			MeterRegistry meters) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.pages = pages;
		this.history = history;
		this.frontier = frontier;
		this.meters = meters;
	}

	public CrawlSummary crawl(SiteProfile site) throws InterruptedException {
		return crawl(site, "adhoc-" + UUID.randomUUID(), () -> false);
	}

	/**
	 * Crawls {@code site} until done, its page limit, or {@code cancelled} says so. A
	 * crawl the frontier knows already (it was interrupted) resumes: what it finished is
	 * counted, not fetched again.
	 * @throws InterruptedException when the crawler is shutting down; the crawl's
	 * frontier is kept, so it can resume
	 */
	CrawlSummary crawl(SiteProfile site, String crawlId, BooleanSupplier cancelled) throws InterruptedException {
		SiteVisit visit = new SiteVisit(site, crawlId, cancelled);
		visit.resume(this.frontier.entries(crawlId));
		visit.start();
		// Detail pages may name listings (a year's catalogue), so the two take turns.
		while (visit.mayGoOn(cancelled) && visit.hasWork()) {
			Frontier.Entry link;
			while (visit.mayGoOn(cancelled) && (link = visit.waitingLinks.pollFirst()) != null) {
				visit.process(link);
			}
			visit.crawlDetails(cancelled);
		}
		CrawlSummary summary = visit.summary(cancelled.getAsBoolean());
		this.frontier.forget(crawlId);
		log.info(
				"Crawled site {}: {} pages fetched, {} new, {} updated, {} unchanged, {} gone, "
						+ "{} forbidden by robots.txt, errors {}, coverage {}{}",
				site.id(), summary.pagesFetched(), summary.newReplies(), summary.updatedReplies(),
				summary.pagesUnchanged(), summary.pagesGone(), summary.skippedByRobots(), summary.errorsByKind(),
				summary.coverage(), summary.stoppedEarly() == null ? "" : ", stopped early: " + summary.stoppedEarly());
		return summary;
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

	private static Document parse(FetchedPage page) {
		return Jsoup.parse(PageCharset.decode(page.body(), page.contentType()), page.uri().toString());
	}

	/**
	 * A file's name: the one its {@code Content-Disposition} gives, else the one its link
	 * gives.
	 */
	private static String fileName(FetchedPage file, String linked) {
		if (file.contentDisposition() != null) {
			try {
				String name = ContentDisposition.parse(file.contentDisposition()).getFilename();
				if (name != null && !name.isBlank()) {
					return name;
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable header: the link's name serves.
			}
		}
		return linked;
	}

	private static boolean isHtml(FetchedPage page) {
		return page.contentType() == null || page.contentType().toLowerCase(Locale.ROOT).contains("html");
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
	 * What belongs to a detail page, and the hash of what it all says.
	 *
	 * @param parts its continuation pages, in order
	 * @param attachments the files it links as its reply
	 * @param contentHash the hash of the readable content of the page, its continuations
	 * and its files
	 * @param missing a continuation page or file that could not be read, if one could not
	 */
	private record WholePage(List<PagePart> parts, List<Attachment> attachments, String contentHash, URI missing) {
	}

	/**
	 * What processing one URL came to, gathered as it goes: the requests it took and what
	 * failed.
	 */
	private static final class Work {

		private Frontier.Result result = Frontier.Result.SKIPPED;

		private int fetches;

		private int forbidden;

		private final List<Frontier.Failure> failures = new ArrayList<>();

		private String folder;

		private Integer printedTotal;

		private List<String> linkedInFolder;

		void fail(FailureKind kind, String reason) {
			fail(kind.label(), reason);
		}

		void fail(String kind, String reason) {
			this.failures.add(new Frontier.Failure(kind, reason));
		}

		Frontier.Outcome outcome() {
			return new Frontier.Outcome(this.result, this.fetches, this.forbidden, this.failures, this.folder,
					this.printedTotal, this.linkedInFolder);
		}

	}

	/** One crawl of one site: its frontier, its politeness, its counts and its errors. */
	private final class SiteVisit {

		private final SiteProfile site;

		private final String crawlId;

		/** Says when an operator cancelled the crawl, or another instance took it. */
		private final BooleanSupplier cancelled;

		/** Where its requests may go, and when they stop. */
		private final FetchScope scope;

		private final PoliteFetcher polite;

		/** The hosts the crawl stays on, those its leases cover. */
		private final Set<String> hosts;

		/** Every URL found, whether done or waiting. */
		private final Set<String> seen = new HashSet<>();

		/**
		 * The data endpoints and their pages read so far, each read once though every
		 * page of a listing names it; detail pages are read by several workers at once.
		 */
		private final Set<URI> endpointsRead = ConcurrentHashMap.newKeySet();

		/**
		 * Sitemaps and listings waiting, then detail pages waiting, each in found order.
		 */
		private final Deque<Frontier.Entry> waitingLinks = new ArrayDeque<>();

		private final Deque<Frontier.Entry> waitingDetails = new ConcurrentLinkedDeque<>();

		private final CrawlTally tally = new CrawlTally();

		private long found;

		SiteVisit(SiteProfile site, String crawlId, BooleanSupplier cancelled) {
			this.site = site;
			this.crawlId = crawlId;
			this.cancelled = cancelled;
			this.hosts = site.hosts();
			this.scope = new FetchScope(site.allowPrivateNetwork(), site.hostNames(), cancelled);
			this.polite = new PoliteFetcher(SiteCrawler.this.fetcher, SiteCrawler.this.robotsName, this.scope,
					Duration.ofMillis(site.delayMs()), site.maxConcurrency());
		}

		/** Takes up what an interrupted run of this crawl recorded. */
		void resume(List<Frontier.Entry> recorded) {
			for (Frontier.Entry entry : recorded) {
				this.seen.add(entry.url());
				this.found = Math.max(this.found, entry.order() + 1);
				if (entry.outcome() != null) {
					this.tally.count(entry.outcome());
				}
				else {
					(entry.kind() == Frontier.Kind.DETAIL ? this.waitingDetails : this.waitingLinks).add(entry);
				}
			}
		}

		/**
		 * Finds the start pages and the sitemaps robots.txt names on their hosts (again,
		 * when resuming: what was found already is not found twice).
		 */
		void start() throws InterruptedException {
			List<URI> starts = new ArrayList<>();
			List<Frontier.Entry> startEntries = new ArrayList<>();
			for (URI start : this.site.startUrls()) {
				URI uri = normalise(start.toString());
				if (uri == null) {
					this.tally.error(FailureKind.INVALID_URL.label(), start + ": not an http(s) URL");
				}
				else {
					starts.add(uri);
					startEntries.add(entry(uri,
							this.site.isListing(uri.getPath()) ? Frontier.Kind.LISTING : Frontier.Kind.DETAIL));
				}
			}
			List<Frontier.Entry> sitemaps = new ArrayList<>();
			for (URI uri : starts) {
				for (String sitemap : this.polite.sitemaps(uri)) {
					URI sitemapUri = normalise(sitemap);
					if (sitemapUri != null && this.hosts.contains(SiteProfile.hostOf(sitemapUri))) {
						sitemaps.add(entry(sitemapUri, Frontier.Kind.SITEMAP));
					}
				}
			}
			found(sitemaps);
			found(startEntries);
		}

		synchronized boolean hasWork() {
			return !this.waitingLinks.isEmpty() || !this.waitingDetails.isEmpty();
		}

		synchronized boolean mayGoOn(BooleanSupplier cancelled) {
			if (cancelled.getAsBoolean()) {
				this.tally.stoppedEarly("cancelled");
				return false;
			}
			if (this.tally.fetched() >= this.site.maxPages()) {
				this.tally.stoppedEarly("maxPages (" + this.site.maxPages() + ") reached");
				return false;
			}
			return true;
		}

		/**
		 * Fetches the detail pages found, up to the site's {@code maxConcurrency} at once
		 * (each host's gate keeping the delay between them).
		 * @throws InterruptedException when the crawler is stopping; pages in flight are
		 * dropped, to be fetched again when the crawl resumes
		 */
		void crawlDetails(BooleanSupplier cancelled) throws InterruptedException {
			int workers = this.site.maxConcurrency();
			ExecutorService pool = Executors.newFixedThreadPool(workers);
			try {
				List<Callable<Void>> tasks = Collections.nCopies(workers, () -> {
					Frontier.Entry detail;
					while (mayGoOn(cancelled) && (detail = this.waitingDetails.pollFirst()) != null) {
						process(detail);
					}
					return null;
				});
				for (Future<Void> worker : pool.invokeAll(tasks)) {
					try {
						worker.get();
					}
					catch (ExecutionException ex) {
						if (ex.getCause() instanceof RuntimeException failure) {
							throw failure;
						}
						if (ex.getCause() instanceof InterruptedException interrupted) {
							throw interrupted;
						}
						throw new IllegalStateException(ex.getCause());
					}
				}
			}
			finally {
				pool.shutdownNow();
			}
		}

		/** Processes a URL, then records what became of it. */
		void process(Frontier.Entry entry) throws InterruptedException {
			URI uri = URI.create(entry.url());
			Work work = new Work();
			try (LogContext about = LogContext.page(entry.url())) {
				switch (entry.kind()) {
					case SITEMAP -> readSitemap(uri, work);
					case LISTING -> readListing(uri, work);
					case DETAIL -> crawlDetail(uri, work);
				}
			}
			Frontier.Outcome outcome = work.outcome();
			SiteCrawler.this.frontier.finished(entry.finishedWith(outcome));
			this.tally.count(outcome);
			measure(entry.kind(), outcome);
		}

		/**
		 * Counts the URL for dashboards: {@code dafu.crawler.urls} by site, kind and
		 * result, {@code dafu.crawler.errors} by site and kind of failure.
		 */
		private void measure(Frontier.Kind kind, Frontier.Outcome outcome) {
			MeterRegistry meters = SiteCrawler.this.meters;
			String siteId = this.site.id();
			meters
				.counter("dafu.crawler.urls", "site", siteId, "kind", kind.name().toLowerCase(Locale.ROOT), "result",
						outcome.result().name().toLowerCase(Locale.ROOT))
				.increment();
			outcome.failures()
				.forEach(failure -> meters.counter("dafu.crawler.errors", "site", siteId, "kind", failure.kind())
					.increment());
		}

		private Frontier.Entry entry(URI uri, Frontier.Kind kind) {
			return new Frontier.Entry(this.crawlId, uri.toString(), kind, this.found++, null);
		}

		/**
		 * Records the URLs not seen before in {@code links}, as listings (those in
		 * {@code listings} too) or detail pages by the site's patterns, and queues them.
		 */
		private synchronized void foundLinks(Collection<URI> links, Set<URI> listings) {
			List<Frontier.Entry> entries = new ArrayList<>();
			for (URI link : links) {
				if (!this.seen.contains(link.toString())) {
					if (listings.contains(link) || this.site.isListing(link.getPath())) {
						entries.add(entry(link, Frontier.Kind.LISTING));
					}
					else if (this.site.isDetail(link.getPath())) {
						entries.add(entry(link, Frontier.Kind.DETAIL));
					}
				}
			}
			found(entries);
		}

		private synchronized void found(List<Frontier.Entry> entries) {
			List<Frontier.Entry> fresh = entries.stream().filter(entry -> this.seen.add(entry.url())).toList();
			if (fresh.isEmpty()) {
				return;
			}
			SiteCrawler.this.frontier.found(fresh);
			for (Frontier.Entry entry : fresh) {
				(entry.kind() == Frontier.Kind.DETAIL ? this.waitingDetails : this.waitingLinks).add(entry);
			}
		}

		/**
		 * Reads a listing for its links, its pagination and the rows its scripts load,
		 * and what it says of its folder: the total it prints and the detail pages it
		 * links there. An answer that is a data endpoint's (JSON, XML) is read for its
		 * rows.
		 */
		private void readListing(URI uri, Work work) throws InterruptedException {
			FetchedPage page = fetch(uri, work);
			if (page == null) {
				return;
			}
			if (readIfFeed(page, work)) {
				return;
			}
			if (!isHtml(page)) {
				return;
			}
			work.result = Frontier.Result.READ;
			PageLinks.Found found = PageLinks.of(parse(page));
			Set<URI> links = inScope(found.anchors().keySet());
			Set<URI> rows = replyLinks(found);
			rows.addAll(inScope(found.scripted()));
			rows.addAll(readEndpoints(found, uri, work));
			links.addAll(rows);
			links.addAll(inScope(found.pagination()));
			Set<URI> years = yearLinks(found);
			// A listing's rows are its links in its own folder (site chrome links
			// elsewhere), and, wherever they lead, those titled as replies and those
			// its scripts load.
			String folder = uri.getPath().substring(0, uri.getPath().lastIndexOf('/') + 1);
			work.folder = folder;
			work.printedTotal = found.printedTotal();
			work.linkedInFolder = links.stream()
				.filter(link -> link.getPath().startsWith(folder) || rows.contains(link))
				.filter(link -> !years.contains(link) && !this.site.isListing(link.getPath())
						&& this.site.isDetail(link.getPath()))
				.map(URI::toString)
				.toList();
			foundLinks(links, years);
		}

		/**
		 * Reads a detail page for what it names besides itself: replies it links (a
		 * catalogue that looks like a detail page by its name), years' catalogues, and,
		 * when it links several replies, its pagination and the rows its scripts load.
		 */
		private void followFrom(Document document, URI uri, Set<URI> files, Work work) throws InterruptedException {
			PageLinks.Found found = PageLinks.of(document);
			Set<URI> replies = replyLinks(found);
			replies.removeAll(files);
			Set<URI> links = new LinkedHashSet<>(replies);
			if (replies.size() >= LISTING_REPLY_LINKS) {
				links.addAll(inScope(found.scripted()));
				links.addAll(inScope(found.pagination()));
				links.addAll(readEndpoints(found, uri, work));
			}
			Set<URI> years = yearLinks(found);
			links.addAll(years);
			foundLinks(links, years);
		}

		/** The anchors whose text names a reply, on the site's hosts. */
		private Set<URI> replyLinks(PageLinks.Found found) {
			return titled(found, REPLY_LINK_TEXT);
		}

		/**
		 * The anchors whose text names a year ({@code 2023年}): a year's catalogue, read
		 * as a listing whatever its name, unless the site's profile says what listings
		 * are.
		 */
		private Set<URI> yearLinks(PageLinks.Found found) {
			return this.site.listingPattern() != null ? Set.of() : titled(found, YEAR_LINK_TEXT);
		}

		/** The anchors on the site's hosts whose whole text {@code text} matches. */
		private Set<URI> titled(PageLinks.Found found, Pattern text) {
			return inScope(found.anchors()
				.entrySet()
				.stream()
				.filter(anchor -> text.matcher(anchor.getValue()).matches())
				.map(Map.Entry::getKey)
				.toList());
		}

		/**
		 * The URLs among {@code urls} a crawl of the site may fetch, in canonical form.
		 */
		private Set<URI> inScope(Collection<String> urls) {
			Set<URI> links = new LinkedHashSet<>();
			for (String url : urls) {
				URI link = normalise(url);
				if (link != null && this.hosts.contains(SiteProfile.hostOf(link))
						&& PageLinks.mayBePage(link.getPath())) {
					links.add(link);
				}
			}
			return links;
		}

		/**
		 * Reads a page that is a data endpoint's answer (JSON, XML: a profile, a sitemap
		 * or a link may name one) for its rows, which are queued; false when it is a
		 * page.
		 */
		private boolean readIfFeed(FetchedPage page, Work work) throws InterruptedException {
			if (!FeedLinks.isFeed(page.body(), page.contentType())) {
				return false;
			}
			work.result = Frontier.Result.READ;
			foundLinks(readFeed(page, page.uri().toString(), work), Set.of());
			return true;
		}

		/**
		 * Fetches the data endpoints a page's scripts load rows from, on the site's
		 * hosts, for the page URLs in their rows.
		 */
		private Set<URI> readEndpoints(PageLinks.Found found, URI page, Work work) throws InterruptedException {
			Set<URI> links = new LinkedHashSet<>();
			for (URI endpoint : inScope(found.endpoints())) {
				if (!mayGoOn(this.cancelled)) {
					break;
				}
				FetchedPage answer = this.endpointsRead.add(endpoint) ? fetch(endpoint, work) : null;
				if (answer != null) {
					links.addAll(readFeed(answer, page.toString(), work));
				}
			}
			return links;
		}

		/**
		 * The page URLs in a data endpoint's answer and in its other pages, which it
		 * counts; row URLs resolved against {@code base}, the page that named it.
		 */
		private Set<URI> readFeed(FetchedPage first, String base, Work work) throws InterruptedException {
			Set<URI> links = new LinkedHashSet<>();
			Set<URI> pages = new LinkedHashSet<>();
			FetchedPage answer = first;
			Iterator<URI> next = null;
			while (answer != null) {
				try {
					FeedLinks.Found rows = FeedLinks.of(answer.body(), answer.contentType(), answer.uri().toString(),
							base);
					links.addAll(inScope(rows.links()));
					if (next == null) {
						pages.addAll(inScope(rows.pages()));
						pages.remove(normalise(first.uri().toString()));
						next = pages.iterator();
					}
				}
				catch (IOException ex) {
					work.fail(FailureKind.BAD_FEED, answer.uri() + ": " + ex.getMessage());
				}
				answer = null;
				while (answer == null && next != null && next.hasNext() && mayGoOn(this.cancelled)) {
					URI page = next.next();
					answer = this.endpointsRead.add(page) ? fetch(page, work) : null;
				}
			}
			return links;
		}

		/**
		 * Reads a sitemap (or a sitemap index) for the URLs it lists on the site's hosts.
		 */
		private void readSitemap(URI uri, Work work) throws InterruptedException {
			FetchedPage page = fetch(uri, work);
			if (page == null) {
				return;
			}
			try {
				AbstractSiteMap sitemap = new SiteMapParser(false).parseSiteMap(page.contentType(), page.body(),
						uri.toURL());
				List<URI> links = new ArrayList<>();
				List<Frontier.Entry> nested = new ArrayList<>();
				if (sitemap instanceof SiteMapIndex index) {
					for (AbstractSiteMap child : index.getSitemaps()) {
						URI childUri = normalise(child.getUrl().toString());
						if (childUri != null && this.hosts.contains(SiteProfile.hostOf(childUri))) {
							nested.add(entry(childUri, Frontier.Kind.SITEMAP));
						}
					}
				}
				else if (sitemap instanceof SiteMap urls) {
					for (SiteMapURL url : urls.getSiteMapUrls()) {
						URI link = normalise(url.getUrl().toString());
						if (link != null && this.hosts.contains(SiteProfile.hostOf(link))) {
							links.add(link);
						}
					}
				}
				work.result = Frontier.Result.READ;
				found(nested);
				foundLinks(links, Set.of());
			}
			catch (UnknownFormatException | IOException ex) {
				work.fail(FailureKind.BAD_SITEMAP, uri + ": " + ex.getMessage());
			}
		}

		/**
		 * Fetches {@code uri} if robots.txt allows it, after the site's delay; null,
		 * counted as a failure, when it was not fetched or did not answer 200.
		 */
		private FetchedPage fetch(URI uri, Work work) throws InterruptedException {
			FetchedPage page = fetch(uri, null, work);
			if (page != null && !page.ok()) {
				work.fail(FailureKind.http(page.status()), uri + ": HTTP " + page.status());
				return null;
			}
			return page;
		}

		/**
		 * Fetches {@code uri} politely ({@link PoliteFetcher}), conditionally on what
		 * {@code before} saw; null, counted, when it was not fetched. Any status comes
		 * back.
		 */
		private FetchedPage fetch(URI uri, PageHistory.PageState before, Work work) throws InterruptedException {
			PoliteFetcher.Answer answer = this.polite.fetch(uri, before == null ? null : before.etag(),
					before == null ? null : before.lastModified());
			if (answer.requested()) {
				work.fetches++;
			}
			if (answer.forbidden()) {
				work.forbidden++;
			}
			if (answer.failure() != null) {
				IOException ex = answer.failure();
				work.fail(FailureKind.of(ex), uri + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
			}
			return answer.page();
		}

		/**
		 * Fetches a detail page and sends it with its continuation pages, unless it is
		 * unchanged since the last crawl (a 304, or the same text); a page that was there
		 * and now answers 404 or 410 is recorded as gone.
		 */
		private void crawlDetail(URI uri, Work work) throws InterruptedException {
			String url = uri.toString();
			PageHistory.PageState before = SiteCrawler.this.history.get(url).orElse(null);
			FetchedPage page = fetch(uri, before, work);
			if (page == null) {
				return;
			}
			Instant now = Instant.now();
			if (page.notModified() && before != null) {
				work.result = Frontier.Result.UNCHANGED;
				remember(before, PageHistory.Status.FETCHED, before.etag(), before.lastModified(), before.contentHash(),
						before.lastChangedAt(), now);
				return;
			}
			boolean wasThere = before != null && before.status() != PageHistory.Status.GONE;
			if (!page.ok()) {
				if ((page.status() == 404 || page.status() == 410) && wasThere) {
					work.result = Frontier.Result.GONE;
					SiteCrawler.this.pages.gone(new PageGone(url, this.site.id(), page.status(), now));
					remember(before, PageHistory.Status.GONE, null, null, before.contentHash(), now, now);
				}
				else {
					work.fail(FailureKind.http(page.status()), uri + ": HTTP " + page.status());
				}
				return;
			}
			if (readIfFeed(page, work)) {
				return;
			}
			Document document = isHtml(page) ? parse(page) : null;
			Map<URI, String> files = document == null ? Map.of() : attachmentLinks(document);
			WholePage whole = readWhole(page, document, files, work);
			if (document != null) {
				followFrom(document, uri, files.keySet(), work);
			}
			if (whole.missing() != null) {
				// Sent without a page it continues on or the file it is printed in, the
				// reply would be published cut short or not at all; the next crawl tries
				// again.
				work.fail(FailureKind.INCOMPLETE,
						uri + ": not sent, its continuation page or file " + whole.missing() + " could not be read");
				return;
			}
			String hash = whole.contentHash();
			if (wasThere && hash.equals(before.contentHash())) {
				work.result = Frontier.Result.UNCHANGED;
				remember(before, PageHistory.Status.FETCHED, page.etag(), page.lastModified(), hash,
						before.lastChangedAt(), now);
				return;
			}
			SiteCrawler.this.pages.fetched(new CrawledPage(url, this.site.id(), now, page.status(), page.contentType(),
					page.body(), whole.parts(), whole.attachments(), this.crawlId));
			work.result = wasThere ? Frontier.Result.UPDATED : Frontier.Result.NEW;
			SiteCrawler.this.history.put(new PageHistory.PageState(url, this.site.id(), PageHistory.Status.FETCHED,
					page.etag(), page.lastModified(), hash, now, now, this.crawlId));
		}

		private void remember(PageHistory.PageState before, PageHistory.Status status, String etag, String lastModified,
				String hash, Instant changedAt, Instant fetchedAt) {
			SiteCrawler.this.history.put(new PageHistory.PageState(before.url(), before.siteId(), status, etag,
					lastModified, hash, fetchedAt, changedAt, this.crawlId));
		}

		/**
		 * Fetches what belongs to a detail page: the continuation pages of a page printed
		 * over several (each linked by 下一页 and named after the first:
		 * {@code t2024_1.html} for {@code t2024.html}, at most {@code MAX_PARTS}), and
		 * the files it links (附件: PDF, DOCX …, at most {@code MAX_ATTACHMENTS}, on the
		 * site's hosts), all together within the page size limit. Hashes what a reader
		 * sees of them all: the text of HTML with whitespace folded, so a changed
		 * timestamp in markup is no change, and the bytes of anything else. Each page is
		 * parsed once.
		 */
		private WholePage readWhole(FetchedPage first, Document firstDocument, Map<URI, String> files, Work work)
				throws InterruptedException {
			Pattern partName = continuationName(first.uri());
			MessageDigest digest = sha256();
			List<PagePart> parts = new ArrayList<>();
			Set<URI> seenParts = new HashSet<>(Set.of(first.uri()));
			Document document = firstDocument;
			FetchedPage current = first;
			long size = first.body().length;
			while (true) {
				digest.update(document == null ? current.body()
						: document.text().replaceAll("\\s+", " ").strip().getBytes(StandardCharsets.UTF_8));
				URI next = document == null || partName == null || parts.size() >= MAX_PARTS ? null
						: nextPageLink(document, partName);
				if (next == null || !seenParts.add(next)) {
					break;
				}
				current = fetch(next, work);
				if (current == null) {
					return new WholePage(parts, List.of(), null, next);
				}
				size += current.body().length;
				parts.add(new PagePart(current.uri().toString(), current.contentType(), current.body()));
				document = isHtml(current) ? parse(current) : null;
			}
			List<Attachment> attachments = new ArrayList<>();
			for (Map.Entry<URI, String> file : files.entrySet()) {
				FetchedPage fetched = fetch(file.getKey(), work);
				if (fetched != null && size + fetched.body().length > SiteCrawler.this.fetcher.maxBytes()) {
					work.fail(FailureKind.TOO_LARGE, first.uri() + ": with its files it is larger than "
							+ SiteCrawler.this.fetcher.maxBytes() + " bytes");
					fetched = null;
				}
				if (fetched == null) {
					return new WholePage(parts, attachments, null, file.getKey());
				}
				size += fetched.body().length;
				digest.update(fetched.body());
				attachments.add(new Attachment(fetched.uri().toString(), fileName(fetched, file.getValue()),
						fetched.contentType(), fetched.body()));
			}
			return new WholePage(List.copyOf(parts), List.copyOf(attachments),
					HexFormat.of().formatHex(digest.digest()), null);
		}

		/**
		 * The files a page links as its reply, on the site's hosts, with the names the
		 * links give them.
		 */
		private Map<URI, String> attachmentLinks(Document document) {
			Map<URI, String> files = new LinkedHashMap<>();
			for (Element anchor : document.select("a[href]")) {
				String href = anchor.absUrl("href");
				Optional<String> name = AttachmentLink.fileName(href, anchor.text());
				URI file = name.isPresent() ? normalise(href) : null;
				if (file != null && this.hosts.contains(SiteProfile.hostOf(file)) && files.size() < MAX_ATTACHMENTS) {
					files.putIfAbsent(file, name.get());
				}
			}
			return files;
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

		/** What the crawl did. */
		synchronized CrawlSummary summary(boolean cancelled) {
			if (cancelled) {
				this.tally.stoppedEarly("cancelled");
			}
			return this.tally.summary(this.site.id(), this.waitingLinks.isEmpty());
		}

	}

}
