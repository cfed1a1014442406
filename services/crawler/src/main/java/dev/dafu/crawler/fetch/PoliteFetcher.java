package dev.dafu.crawler.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dafu.crawler.site.SiteProfile;

/**
 * The one way a crawl sends a request: only to an address it may reach
 * ({@link AddressGuard}), only where robots.txt allows (read once a host,
 * {@link RobotsRules}), and through the host's {@link HostGate}, which keeps the site's
 * delay (or the Crawl-delay robots.txt asks, when longer) and its most requests at once.
 * One a crawl.
 */
public final class PoliteFetcher {

	private final PageFetcher fetcher;

	private final FetchScope scope;

	private final RobotsRules robots;

	private final Duration delay;

	private final int maxConcurrency;

	private final Map<String, HostGate> gates = new ConcurrentHashMap<>();

	/**
	 * @param robotsName the name robots.txt rules are read for
	 * @param scope where requests may go, and when they stop
	 * @param delay the site's delay between requests to a host
	 * @param maxConcurrency the site's most requests to a host at once
	 */
	public PoliteFetcher(PageFetcher fetcher, String robotsName, FetchScope scope, Duration delay, int maxConcurrency) {
		this.fetcher = fetcher;
		this.scope = scope;
		this.robots = new RobotsRules(fetcher, robotsName, scope);
		this.delay = delay;
		this.maxConcurrency = maxConcurrency;
	}

	/**
	 * Fetches {@code uri}, conditionally on {@code etag} and {@code lastModified} when
	 * given. Any status comes back as fetched.
	 * @throws InterruptedException when the crawler is stopping
	 */
	public Answer fetch(URI uri, String etag, String lastModified) throws InterruptedException {
		boolean requested = false;
		try {
			AddressGuard.check(uri, this.scope.allowPrivateNetwork());
			readRobots(uri);
			if (!this.robots.allows(uri)) {
				return new Answer(null, true, null, false);
			}
			Duration crawlDelay = this.robots.crawlDelay(uri);
			HostGate gate = gate(uri);
			gate.enter(crawlDelay.compareTo(this.delay) > 0 ? crawlDelay : this.delay);
			try {
				if (this.scope.isCancelled()) {
					return new Answer(null, false, null, false);
				}
				requested = true;
				return new Answer(this.fetcher.fetch(uri, this.scope, etag, lastModified), false, null, true);
			}
			finally {
				gate.leave();
			}
		}
		catch (PageFetcher.FetchCancelledException ex) {
			return new Answer(null, false, null, requested);
		}
		catch (IOException ex) {
			return new Answer(null, false, ex, requested);
		}
	}

	/** The sitemaps robots.txt names for {@code uri}'s host, reading it if need be. */
	public List<String> sitemaps(URI uri) throws InterruptedException {
		readRobots(uri);
		return this.robots.sitemaps(uri);
	}

	/**
	 * Reads robots.txt for {@code uri}'s host unless it was read already, keeping the
	 * delay before and after it like any other request.
	 */
	private void readRobots(URI uri) throws InterruptedException {
		if (this.robots.isLoaded(uri)) {
			return;
		}
		HostGate gate = gate(uri);
		gate.enter(this.delay);
		try {
			this.robots.read(uri);
		}
		finally {
			gate.leave();
		}
	}

	private HostGate gate(URI uri) {
		return this.gates.computeIfAbsent(SiteProfile.hostOf(uri), host -> new HostGate(this.maxConcurrency));
	}

	/**
	 * What came of a request.
	 *
	 * @param page the answer, with whatever status it had; null when there was none
	 * @param forbidden robots.txt forbids the URL, so it was not requested
	 * @param failure why there is no answer, if it failed; null when it was not asked for
	 * (forbidden, or the crawl stopped)
	 * @param requested whether a request was sent
	 */
	public record Answer(FetchedPage page, boolean forbidden, IOException failure, boolean requested) {
	}

}
