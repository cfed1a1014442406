package dev.dafu.crawler.run;

/** A site is being crawled already; a second crawl at once would break its politeness. */
public class SiteBusyException extends RuntimeException {

	SiteBusyException(String siteId, String crawlId) {
		super("site " + siteId + " is being crawled already by crawl " + crawlId + "; cancel it (DELETE /api/crawls/"
				+ crawlId + ") or wait for it to end");
	}

}
