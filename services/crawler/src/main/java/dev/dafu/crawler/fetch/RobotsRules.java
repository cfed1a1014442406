package dev.dafu.crawler.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/** robots.txt per host (RFC 9309), fetched once per crawl. */
public class RobotsRules {

	private final PageFetcher fetcher;

	private final String robotsName;

	private final FetchScope scope;

	private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();

	private final Map<String, BaseRobotRules> byOrigin = new HashMap<>();

	private final Map<String, String> unavailable = new HashMap<>();

	public RobotsRules(PageFetcher fetcher, String robotsName, FetchScope scope) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
		this.scope = scope;
	}

	/**
	 * Whether robots.txt lets us fetch {@code uri}.
	 * @throws RobotsUnavailableException when the host's robots.txt cannot be read: RFC
	 * 9309 (2.3.1.4) then forbids the whole host
	 */
	public synchronized boolean allows(URI uri) throws InterruptedException, RobotsUnavailableException {
		return rules(uri).isAllowed(uri.toString());
	}

	/**
	 * The Crawl-delay robots.txt asks of us for {@code uri}'s host; zero when it asks
	 * none.
	 */
	public synchronized Duration crawlDelay(URI uri) throws InterruptedException, RobotsUnavailableException {
		long delay = rules(uri).getCrawlDelay();
		return delay > 0 ? Duration.ofMillis(delay) : Duration.ZERO;
	}

	/**
	 * The sitemaps robots.txt names for {@code uri}'s host; none when it names none or
	 * cannot be read.
	 */
	public synchronized List<String> sitemaps(URI uri) throws InterruptedException {
		try {
			return rules(uri).getSitemaps();
		}
		catch (RobotsUnavailableException ex) {
			return List.of();
		}
	}

	/** Whether robots.txt for {@code uri}'s host has been asked for already. */
	public synchronized boolean isLoaded(URI uri) {
		String origin = originOf(uri);
		return this.byOrigin.containsKey(origin) || this.unavailable.containsKey(origin);
	}

	/** Reads robots.txt for {@code uri}'s host unless it was read already. */
	public synchronized void read(URI uri) throws InterruptedException {
		if (!isLoaded(uri)) {
			load(originOf(uri));
		}
	}

	private static String originOf(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private BaseRobotRules rules(URI uri) throws InterruptedException, RobotsUnavailableException {
		read(uri);
		String origin = originOf(uri);
		if (this.unavailable.containsKey(origin)) {
			throw new RobotsUnavailableException(origin + "/robots.txt is unavailable (" + this.unavailable.get(origin)
					+ "), so the host is not crawled");
		}
		return this.byOrigin.get(origin);
	}

	private void load(String origin) throws InterruptedException {
		URI robotsUri = URI.create(origin + "/robots.txt");
		try {
			FetchedPage robots = this.fetcher.fetch(robotsUri, this.scope);
			if (robots.status() >= 500) {
				this.unavailable.put(origin, "HTTP " + robots.status());
			}
			else if (!robots.ok()) {
				// RFC 9309 2.3.1.3: an unavailable (4xx) robots.txt allows everything.
				this.byOrigin.put(origin, new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL));
			}
			else {
				this.byOrigin.put(origin, this.parser.parseContent(robotsUri.toString(), robots.body(),
						robots.contentType(), List.of(this.robotsName)));
			}
		}
		catch (IOException ex) {
			this.unavailable.put(origin, ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
	}

	public static class RobotsUnavailableException extends IOException {

		public RobotsUnavailableException(String message) {
			super(message);
		}

	}

}
