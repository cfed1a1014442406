package dev.dafu.crawler.change;

import java.time.Instant;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.crawler.store.Documents;
import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.crawler.store.InMemoryDocuments;
import dev.dafu.reply.Sha256;

/**
 * What the crawler last saw at each detail page, so a crawl sends only what changed: the
 * validators for a conditional GET, and a hash of the page's text.
 */
public interface PageHistory {

	Optional<PageState> get(String url);

	void put(PageState state);

	/**
	 * A history kept in this process only, for a crawl that need not outlive it (tests,
	 * load runs); the crawler service keeps its history in Elasticsearch.
	 */
	static PageHistory inMemory() {
		return on(new InMemoryDocuments<>());
	}

	/** Where the crawler service keeps page states: the {@code dafu-pages} index. */
	static ElasticsearchDocuments<PageState> states(ElasticsearchClient client) {
		return new ElasticsearchDocuments<>(client, "dafu-pages", PageState.class, false);
	}

	/** The history the crawler service keeps, in {@code states} ({@code dafu-pages}). */
	static PageHistory inElasticsearch(ElasticsearchDocuments<PageState> states) {
		return on(states);
	}

	private static PageHistory on(Documents<PageState> states) {
		return new PageHistory() {

			@Override
			public Optional<PageState> get(String url) {
				return states.get(idOf(url));
			}

			@Override
			public void put(PageState state) {
				states.put(idOf(state.url()), state);
			}
		};
	}

	/** The id a page's state is stored under. */
	static String idOf(String url) {
		return Sha256.hex(url).substring(0, 32);
	}

	/**
	 * A detail page as last seen.
	 *
	 * @param url the page's canonical URL
	 * @param siteId the site it belongs to
	 * @param status FETCHED while it answers, GONE once it answers 404 or 410
	 * @param etag the ETag it last sent
	 * @param lastModified the Last-Modified it last sent
	 * @param contentHash the hash of its text (and its continuation pages') when last
	 * sent
	 * @param lastFetchedAt when it was last fetched
	 * @param lastChangedAt when its content last changed
	 * @param lastCrawlId the crawl that last fetched it
	 */
	public record PageState(String url, String siteId, Status status, String etag, String lastModified,
			String contentHash, Instant lastFetchedAt, Instant lastChangedAt, String lastCrawlId) {
	}

	public enum Status {

		FETCHED, GONE

	}

}
