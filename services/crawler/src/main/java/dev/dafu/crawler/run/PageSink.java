package dev.dafu.crawler.run;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;

/** Where a crawl hands what it found: pages to parse, and pages that disappeared. */
public interface PageSink {

	/** A detail page, new or changed, with its continuation pages. */
	void fetched(CrawledPage page);

	/** A detail page that was there and now answers 404 or 410. */
	void gone(PageGone page);

}
