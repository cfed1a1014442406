package dev.dafu.crawler.discover;

import java.net.URI;

import crawlercommons.filters.basic.BasicURLNormalizer;

/** URLs as a crawl keeps them: canonical, http(s) only. */
public final class Urls {

	private static final BasicURLNormalizer NORMALIZER = new BasicURLNormalizer();

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

}
