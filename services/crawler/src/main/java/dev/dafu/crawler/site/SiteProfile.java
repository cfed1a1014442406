package dev.dafu.crawler.site;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.scheduling.support.CronExpression;

/**
 * A government site the crawler keeps fresh, as an operator registered it.
 *
 * @param id a short stable name ({@code a-z}, digits, {@code -}), recorded on every page
 * and reply
 * @param name what people call the site
 * @param startUrls where a crawl starts: the site's home or its reply listings
 * @param listingPattern a regular expression over URL paths for listing pages, whose
 * links are followed; by default {@code /}, {@code index.html} and {@code index_N.html}
 * pages
 * @param detailPattern a regular expression over URL paths for the pages worth handing
 * on; by default every page that is not a listing
 * @param schedule when to crawl, as a Spring cron expression ({@code 0 0 3 * * *}); none
 * to crawl only on request
 * @param timeZone the zone the schedule is read in, {@code Asia/Shanghai} by default
 * @param maxPages at most this many pages a crawl
 * @param delayMs at least this long between two requests to the site's hosts (robots.txt
 * may ask for more)
 * @param maxConcurrency at most this many requests to the site at once
 * @param allowPrivateNetwork whether the site may resolve to loopback, private or
 * link-local addresses (a local demo or test site); never for a site on the internet;
 * false when left out
 */
public record SiteProfile(@NotBlank @jakarta.validation.constraints.Pattern(regexp = ID_PATTERN) String id,
		@Size(max = 200) String name, @NotEmpty @Size(max = 50) List<URI> startUrls,
		@Size(max = 500) String listingPattern, @Size(max = 500) String detailPattern, @Size(max = 100) String schedule,
		String timeZone, @Min(1) @Max(100_000) Integer maxPages, @Min(0) @Max(600_000) Integer delayMs,
		@Min(1) @Max(8) Integer maxConcurrency, Boolean allowPrivateNetwork) {

	static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

	static final String DEFAULT_LISTING = ".*/(index(_\\d+)?\\.s?html?)?";

	public SiteProfile {
		name = name == null || name.isBlank() ? id : name;
		listingPattern = listingPattern == null || listingPattern.isBlank() ? null : listingPattern;
		detailPattern = detailPattern == null || detailPattern.isBlank() ? null : detailPattern;
		startUrls = startUrls == null ? List.of() : List.copyOf(startUrls);
		timeZone = timeZone == null || timeZone.isBlank() ? "Asia/Shanghai" : timeZone;
		maxPages = maxPages == null ? 1000 : maxPages;
		delayMs = delayMs == null ? 1000 : delayMs;
		maxConcurrency = maxConcurrency == null ? 1 : maxConcurrency;
		// Optional like every other setting: a profile that leaves it out is refused
		// nothing, and is kept off the private network.
		allowPrivateNetwork = allowPrivateNetwork != null && allowPrivateNetwork;
	}

	/**
	 * Checks what annotations cannot: URLs, patterns, schedule and zone.
	 * @throws IllegalArgumentException naming the first field that is wrong and why
	 */
	public SiteProfile validated() {
		for (URI url : this.startUrls) {
			String scheme = url.getScheme();
			if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
				throw new IllegalArgumentException("startUrls: " + url + " is not an absolute http(s) URL");
			}
		}
		compile("listingPattern", this.listingPattern);
		compile("detailPattern", this.detailPattern);
		if (this.schedule != null && !this.schedule.isBlank() && !CronExpression.isValidExpression(this.schedule)) {
			throw new IllegalArgumentException("schedule: '" + this.schedule
					+ "' is not a cron expression (six fields: second minute hour day month weekday)");
		}
		try {
			ZoneId.of(this.timeZone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("timeZone: '" + this.timeZone + "' is not a time zone");
		}
		return this;
	}

	/**
	 * The hosts a crawl of the site stays on and is polite to: those of its start URLs,
	 * each with its port.
	 */
	public Set<String> hosts() {
		Set<String> hosts = new TreeSet<>();
		this.startUrls.forEach(url -> hosts.add(hostOf(url)));
		return hosts;
	}

	/**
	 * The host names of the site's start URLs, lower case: where its redirects may go.
	 */
	public Set<String> hostNames() {
		Set<String> names = new TreeSet<>();
		this.startUrls.forEach(url -> names.add(url.getHost().toLowerCase(Locale.ROOT)));
		return names;
	}

	/** A URL's host and port, as politeness counts hosts: {@code www.gov.cn:443}. */
	public static String hostOf(URI url) {
		int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
		return url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

	/** Whether the page at {@code path} is a listing, whose links a crawl follows. */
	public boolean isListing(String path) {
		return matches("listingPattern", this.listingPattern == null ? DEFAULT_LISTING : this.listingPattern, path);
	}

	/** Whether the page at {@code path} is worth handing to the parser. */
	public boolean isDetail(String path) {
		return this.detailPattern == null ? !isListing(path) : matches("detailPattern", this.detailPattern, path);
	}

	/**
	 * Whether {@code regex} matches the whole {@code path}; a pattern that would take
	 * without end to decide ({@code /(.*a){12}} against {@code /aaa…a!}) is an error of
	 * the profile, not a crawl that hangs.
	 */
	private static boolean matches(String field, String regex, String path) {
		try {
			return compile(field, regex).matcher(new CountedText(path)).matches();
		}
		catch (CountedText.TooManyReads ex) {
			throw new IllegalArgumentException(field + " '" + regex + "' takes too long to decide whether " + path
					+ " matches: write it without nested repetition");
		}
	}

	private static Pattern compile(String field, String regex) {
		if (regex == null) {
			return null;
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(field + ": " + ex.getDescription() + " in '" + regex + "'");
		}
	}

	/**
	 * A path as a pattern reads it, a character at a time, up to {@link #MAX_READS}
	 * reads: about a thousand for each of a long path's characters.
	 */
	private static final class CountedText implements CharSequence {

		private static final int MAX_READS = 2_000_000;

		private final String text;

		private int reads;

		CountedText(String text) {
			this.text = text;
		}

		@Override
		public char charAt(int index) {
			if (++this.reads > MAX_READS) {
				throw new TooManyReads();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

		/** The pattern read more than {@link #MAX_READS} characters. */
		static final class TooManyReads extends RuntimeException {

			TooManyReads() {
				super(null, null, false, false);
			}

		}

	}

}
