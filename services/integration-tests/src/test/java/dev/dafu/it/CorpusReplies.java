package dev.dafu.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.parser.ReplyParser;
import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;
import dev.dafu.text.ChineseSegmenter;

/**
 * Corpus pages read as the pipeline reads them (parsed, then enriched), ready to index,
 * for tests of search that need many real replies without a crawl.
 */
final class CorpusReplies {

	private static final ReplyParser PARSER = new ReplyParser(10 * 1024 * 1024);

	static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	private CorpusReplies() {
	}

	/** The replies on {@code site}'s pages at {@code urlPaths}, found at {@code base}. */
	static List<ReplyIndexer.Incoming> of(TestCorpus.Site site, String base, List<String> urlPaths) {
		List<ReplyIndexer.Incoming> incoming = new ArrayList<>();
		for (String path : urlPaths) {
			CrawledPage page = new CrawledPage(base + path, "demo", Instant.now(), 200, "text/html", site.page(path),
					List.of(), List.of(), null);
			PARSER.parse(page).forEach(reply -> incoming.add(new ReplyIndexer.Incoming(ENRICHER.enrich(reply), null)));
		}
		return incoming;
	}

	/** Every reply of the public corpus, at {@code http://demo.test}. */
	static List<ReplyIndexer.Incoming> publicSite() {
		List<String> paths = new ArrayList<>();
		TestCorpus.PUBLIC.expected()
			.get("replies")
			.forEach(reply -> reply.get("urls").forEach(url -> paths.add(url.asText())));
		return of(TestCorpus.PUBLIC, "http://demo.test", paths);
	}

}
