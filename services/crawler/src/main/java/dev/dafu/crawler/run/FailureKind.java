package dev.dafu.crawler.run;

import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import dev.dafu.crawler.fetch.AddressGuard;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.fetch.RobotsRules;

/**
 * Why a URL of a crawl failed: every kind an operator can see, in one place. Its label is
 * what crawl records ({@code summary.errorsByKind}), the frontier and the
 * {@code dafu.crawler.errors} metric carry; an HTTP status other than 200 is labelled by
 * its number ({@code http-404}, see {@link #http(int)}).
 */
public enum FailureKind {

	/** A start URL that is not an http(s) URL. */
	INVALID_URL("invalid-url"),
	/** A data endpoint (JSON, XML) a listing loads that could not be read. */
	BAD_FEED("bad-feed"),
	/** A sitemap that could not be read. */
	BAD_SITEMAP("bad-sitemap"),
	/** A reply whose continuation pages or files could not all be fetched. */
	INCOMPLETE("incomplete"),
	/** A page, or a reply with its files, larger than the crawler takes. */
	TOO_LARGE("too-large"),
	/** An address in a private or local network, refused unless the site allows it. */
	BLOCKED_ADDRESS("blocked-address"),
	/** robots.txt answered 5xx or not at all, so nothing of the host is fetched. */
	ROBOTS_UNAVAILABLE("robots-unavailable"),
	/** A redirect to another site. */
	OFF_SITE_REDIRECT("off-site-redirect"),
	/**
	 * A listing linking replies on hosts that are not the site's (a disclosure subdomain,
	 * say), which a crawl does not follow: a start URL on that host would.
	 */
	OFF_SITE_LINKS("off-site-links"),
	/** No answer in time. */
	TIMEOUT("timeout"),
	/** The host name does not resolve. */
	UNKNOWN_HOST("unknown-host"),
	/** Any other network failure: connection refused or reset, TLS. */
	UNREACHABLE("unreachable");

	private final String label;

	FailureKind(String label) {
		this.label = label;
	}

	/** The label records and metrics carry. */
	String label() {
		return this.label;
	}

	/** The label of an answer with {@code status} where 200 was expected. */
	static String http(int status) {
		return "http-" + status;
	}

	/** The kind of a failed request. */
	static FailureKind of(IOException ex) {
		if (ex instanceof AddressGuard.BlockedAddressException) {
			return BLOCKED_ADDRESS;
		}
		if (ex instanceof RobotsRules.RobotsUnavailableException) {
			return ROBOTS_UNAVAILABLE;
		}
		if (ex instanceof PageFetcher.PageTooLargeException) {
			return TOO_LARGE;
		}
		if (ex instanceof PageFetcher.OffSiteRedirectException) {
			return OFF_SITE_REDIRECT;
		}
		if (ex instanceof HttpTimeoutException) {
			return TIMEOUT;
		}
		if (ex instanceof UnknownHostException) {
			return UNKNOWN_HOST;
		}
		return UNREACHABLE;
	}

}
