package dev.dafu.crawler.run;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.discover.PageLinks;
import dev.dafu.crawler.discover.Urls;
import dev.dafu.crawler.fetch.FetchScope;
import dev.dafu.crawler.fetch.FetchedPage;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.fetch.PoliteFetcher;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.stream.LogContext;

/**
 * One crawl of one site: what it found and what waits (sitemaps and listings first, then
 * detail pages, each in found order, recorded in the crawl's frontier as found and as
 * done), its polite fetches, its workers for detail pages and its tally. The readers of
 * listings and detail pages do the reading; this decides what is read next. (Just over
 * 300 lines: the queues, the workers taking from them and the recording of what each URL
 * came to share one lock and one order, read best together.)
 */
final class SiteVisit {

	private final SiteProfile site;

	private final String crawlId;

	/** Says when an operator cancelled the crawl, or another instance took it. */
	private final BooleanSupplier cancelled;

	/** Where its requests may go, and when they stop. */
	private final PoliteFetcher polite;

	/** The hosts the crawl stays on, those its leases cover. */
	private final Set<String> hosts;

	private final Frontier frontier;

	private final MeterRegistry meters;

	private final ListingReader listings;

	private final DetailReader details;

	/** Every URL found, whether done or waiting. */
	private final Set<String> seen = new HashSet<>();

	/** Sitemaps and listings waiting, then detail pages waiting, each in found order. */
	private final Deque<Frontier.Entry> waitingLinks = new ArrayDeque<>();

	private final Deque<Frontier.Entry> waitingDetails = new ConcurrentLinkedDeque<>();

	private final CrawlTally tally = new CrawlTally();

	private long found;

	SiteVisit(SiteProfile site, String crawlId, BooleanSupplier cancelled, PageFetcher fetcher, String robotsName,
			PageSink pages, PageHistory history, Frontier frontier, MeterRegistry meters) {
		this.site = site;
		this.crawlId = crawlId;
		this.cancelled = cancelled;
		this.hosts = site.hosts();
		this.polite = new PoliteFetcher(fetcher, robotsName,
				new FetchScope(site.allowPrivateNetwork(), site.hostNames(), cancelled),
				Duration.ofMillis(site.delayMs()), site.maxConcurrency());
		this.frontier = frontier;
		this.meters = meters;
		this.listings = new ListingReader(this);
		this.details = new DetailReader(this, this.listings, pages, history, fetcher.maxBytes());
	}

	SiteProfile site() {
		return this.site;
	}

	String crawlId() {
		return this.crawlId;
	}

	/** The next sitemap or listing waiting, if one is. */
	synchronized Frontier.Entry nextLink() {
		return this.waitingLinks.pollFirst();
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
	 * Finds the start pages and the sitemaps robots.txt names on their hosts (again, when
	 * resuming: what was found already is not found twice).
	 */
	void start() throws InterruptedException {
		List<URI> starts = new ArrayList<>();
		List<Frontier.Entry> startEntries = new ArrayList<>();
		for (URI start : this.site.startUrls()) {
			URI uri = Urls.normalise(start.toString());
			if (uri == null) {
				this.tally.error(FailureKind.INVALID_URL.label(), start + ": not an http(s) URL");
			}
			else {
				starts.add(uri);
				startEntries.add(entry(uri, Frontier.Kind.LISTING));
			}
		}
		List<Frontier.Entry> sitemaps = new ArrayList<>();
		for (URI uri : starts) {
			for (URI sitemap : onHosts(this.polite.sitemaps(uri))) {
				sitemaps.add(entry(sitemap, Frontier.Kind.SITEMAP));
			}
		}
		found(sitemaps);
		found(startEntries);
	}

	synchronized boolean hasWork() {
		return !this.waitingLinks.isEmpty() || !this.waitingDetails.isEmpty();
	}

	synchronized boolean mayGoOn() {
		if (this.cancelled.getAsBoolean()) {
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
	void crawlDetails() throws InterruptedException {
		int workers = this.site.maxConcurrency();
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Callable<Void>> tasks = Collections.nCopies(workers, () -> {
				Frontier.Entry detail;
				while (mayGoOn() && (detail = this.waitingDetails.pollFirst()) != null) {
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
				case SITEMAP -> this.listings.readSitemap(uri, work);
				case LISTING -> this.listings.readListing(uri, work);
				case DETAIL -> this.details.crawlDetail(uri, work);
			}
		}
		Frontier.Outcome outcome = work.outcome();
		this.frontier.finished(entry.finishedWith(outcome));
		this.tally.count(outcome);
		measure(entry.kind(), outcome);
	}

	/**
	 * Counts the URL for dashboards: {@code dafu.crawler.urls} by site, kind and result,
	 * {@code dafu.crawler.errors} by site and kind of failure.
	 */
	private void measure(Frontier.Kind kind, Frontier.Outcome outcome) {
		String siteId = this.site.id();
		this.meters
			.counter("dafu.crawler.urls", "site", siteId, "kind", kind.name().toLowerCase(Locale.ROOT), "result",
					outcome.result().name().toLowerCase(Locale.ROOT))
			.increment();
		outcome.failures()
			.forEach(failure -> this.meters.counter("dafu.crawler.errors", "site", siteId, "kind", failure.kind())
				.increment());
	}

	/** A URL found, numbered in the order the crawl found it. */
	synchronized Frontier.Entry entry(URI uri, Frontier.Kind kind) {
		return new Frontier.Entry(this.crawlId, uri.toString(), kind, this.found++, null);
	}

	/**
	 * Records the URLs not seen before in {@code links}, as listings (those in
	 * {@code listings} too) or detail pages by the site's patterns, and queues them.
	 */
	synchronized void foundLinks(Collection<URI> links, Set<URI> listings) {
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

	synchronized void found(List<Frontier.Entry> entries) {
		List<Frontier.Entry> fresh = entries.stream().filter(entry -> this.seen.add(entry.url())).toList();
		if (fresh.isEmpty()) {
			return;
		}
		this.frontier.found(fresh);
		for (Frontier.Entry entry : fresh) {
			(entry.kind() == Frontier.Kind.DETAIL ? this.waitingDetails : this.waitingLinks).add(entry);
		}
	}

	/**
	 * The URLs among {@code urls} a crawl of the site may fetch as pages, in canonical
	 * form.
	 */
	Set<URI> inScope(Collection<String> urls) {
		Set<URI> links = new LinkedHashSet<>();
		for (URI link : onHosts(urls)) {
			if (PageLinks.mayBePage(link.getPath())) {
				links.add(link);
			}
		}
		return links;
	}

	/** The URLs among {@code urls} on the site's hosts, in canonical form. */
	List<URI> onHosts(Collection<String> urls) {
		List<URI> onHosts = new ArrayList<>();
		for (String url : urls) {
			URI link = Urls.normalise(url);
			if (link != null && onSite(link)) {
				onHosts.add(link);
			}
		}
		return onHosts;
	}

	/**
	 * Whether {@code uri} is on one of the site's hosts, those the crawl's leases cover.
	 */
	boolean onSite(URI uri) {
		return this.hosts.contains(SiteProfile.hostOf(uri));
	}

	/**
	 * Fetches {@code uri} if robots.txt allows it, after the site's delay; null, counted
	 * as a failure, when it was not fetched or did not answer 200.
	 */
	FetchedPage fetch(URI uri, Work work) throws InterruptedException {
		FetchedPage page = fetch(uri, null, work);
		if (page != null && !page.ok()) {
			work.fail(FailureKind.http(page.status()), uri + ": HTTP " + page.status());
			return null;
		}
		return page;
	}

	/**
	 * Fetches {@code uri} politely ({@link PoliteFetcher}), conditionally on what
	 * {@code before} saw; null, counted, when it was not fetched. Any status comes back.
	 */
	FetchedPage fetch(URI uri, PageHistory.PageState before, Work work) throws InterruptedException {
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

	/** What the crawl did. */
	synchronized CrawlSummary summary(boolean cancelled) {
		if (cancelled) {
			this.tally.stoppedEarly("cancelled");
		}
		return this.tally.summary(this.site.id(), this.waitingLinks.isEmpty());
	}

}
