package dev.dafu.enricher;

import java.time.Instant;
import java.util.List;

import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;

/** Replies of the test corpus as the parser reads them. */
final class CorpusReplies {

	private static final ReplyParser PARSER = new ReplyParser(4 * 1024 * 1024);

	private CorpusReplies() {
	}

	/**
	 * The real seed reply ({@code real/stcsm-2024-34.txt}), its lines as a page's
	 * paragraphs, the copy's markdown taken off.
	 */
	static Reply seed() {
		return parse("http://stcsm.test/seed.html", TestCorpus.realPage("stcsm-2024-34.txt"));
	}

	/** The reply at {@code urlPath} of a corpus site. */
	static Reply page(TestCorpus.Site site, String urlPath) {
		return parse("http://" + site + ".test" + urlPath, site.page(urlPath));
	}

	/** The (first) reply of a page. */
	static Reply parse(String url, byte[] html) {
		List<Reply> replies = PARSER.parse(new CrawledPage(url, "test", Instant.parse("2026-12-01T00:00:00Z"), 200,
				"text/html", html, List.of(), List.of(), null));
		return replies.get(0);
	}

}
