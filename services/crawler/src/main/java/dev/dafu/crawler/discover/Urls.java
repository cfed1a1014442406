package dev.dafu.crawler.discover;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import crawlercommons.filters.basic.BasicURLNormalizer;

/** URLs as a crawl keeps them: canonical, http(s) only. */
public final class Urls {

	private static final BasicURLNormalizer NORMALIZER = new BasicURLNormalizer();

	/** Query parameters that number a listing's pages. */
	private static final Set<String> PAGE_PARAMETERS = Set.of("page", "pageno", "pagenum", "pageindex", "pagenumber",
			"currentpage", "curpage", "cpage", "p", "pn", "pg");

	private static final Pattern PAGE_NUMBER = Pattern.compile("\\d{1,6}");

	private Urls() {
	}

	/** The URL in canonical form, or null when it is not an http(s) URL. */
	public static URI normalise(String url) {
		String normalised = NORMALIZER.filter(url);
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

	/**
	 * Whether {@code link} is another page of the listing at {@code listing}: the same
	 * path and query but for the number of a page ({@code list.jsp?page=2} of
	 * {@code list.jsp}, {@code ?channel=5&pageNo=3} of {@code ?channel=5}).
	 */
	public static boolean isPageOf(URI link, URI listing) {
		return !link.equals(listing) && link.getHost() != null && link.getHost().equalsIgnoreCase(listing.getHost())
				&& link.getPath() != null && link.getPath().equals(listing.getPath())
				&& withoutPageNumber(link.getRawQuery()).equals(withoutPageNumber(listing.getRawQuery()));
	}

	/** A query's parameters but those that number a page, by name. */
	private static Map<String, String> withoutPageNumber(String query) {
		Map<String, String> parameters = new TreeMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			String name = equals < 0 ? parameter : parameter.substring(0, equals);
			String value = equals < 0 ? "" : parameter.substring(equals + 1);
			if (!(PAGE_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) && PAGE_NUMBER.matcher(value).matches())) {
				parameters.put(name, value);
			}
		}
		return parameters;
	}

}
