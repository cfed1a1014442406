package dev.dafu.crawler.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.reply.Sha256;

/**
 * The URLs one crawl has found and what became of each, kept apart from the crawler
 * process so a crawl interrupted by a restart resumes where it stopped: finished URLs are
 * not fetched again, and their counts still add up in the crawl's summary.
 */
public interface Frontier {

	/** Everything recorded of {@code crawlId} so far, in the order it was found. */
	List<Entry> entries(String crawlId);

	/** Records newly found URLs; a URL recorded already keeps what it has. */
	void found(List<Entry> entries);

	/** Records what became of a URL. */
	void finished(Entry entry);

	/** Drops what was recorded of {@code crawlId}, once it is over. */
	void forget(String crawlId);

	/**
	 * A frontier kept in this process only, for crawls that need not outlive it (tests,
	 * load runs); the crawler service keeps its frontier in Elasticsearch.
	 */
	static Frontier inMemory() {
		Map<String, Entry> entries = new ConcurrentHashMap<>();
		return new Frontier() {

			@Override
			public List<Entry> entries(String crawlId) {
				List<Entry> ofCrawl = new ArrayList<>();
				entries.values().stream().filter(entry -> entry.crawlId().equals(crawlId)).forEach(ofCrawl::add);
				ofCrawl.sort(Comparator.comparingLong(Entry::order));
				return ofCrawl;
			}

			@Override
			public void found(List<Entry> found) {
				found.forEach(entry -> entries.putIfAbsent(idOf(entry), entry));
			}

			@Override
			public void finished(Entry entry) {
				entries.put(idOf(entry), entry);
			}

			@Override
			public void forget(String crawlId) {
				entries.values().removeIf(entry -> entry.crawlId().equals(crawlId));
			}
		};
	}

	/** Where the crawler service keeps frontiers: the {@code dafu-frontier} index. */
	static ElasticsearchDocuments<Entry> entries(ElasticsearchClient client) {
		return new ElasticsearchDocuments<>(client, "dafu-frontier", Entry.class, false);
	}

	/**
	 * The frontier the crawler service keeps, in {@code entries} (the
	 * {@code dafu-frontier} index).
	 */
	static Frontier inElasticsearch(ElasticsearchDocuments<Entry> entries) {
		return new Frontier() {

			@Override
			public List<Entry> entries(String crawlId) {
				return entries.searchAll(ofCrawl(crawlId), "order");
			}

			@Override
			public void found(List<Entry> found) {
				Map<String, Entry> byId = new LinkedHashMap<>();
				found.forEach(entry -> byId.put(idOf(entry), entry));
				entries.createAll(byId);
			}

			@Override
			public void finished(Entry entry) {
				entries.put(idOf(entry), entry);
			}

			@Override
			public void forget(String crawlId) {
				entries.deleteAll(entries(crawlId).stream().map(Frontier::idOf).toList());
			}

			private static Query ofCrawl(String crawlId) {
				return Query.of(q -> q.term(t -> t.field("crawlId").value(crawlId)));
			}
		};
	}

	/** The id an entry is stored under. */
	static String idOf(Entry entry) {
		return Sha256.hex(entry.crawlId() + " " + entry.url()).substring(0, 40);
	}

	/**
	 * One URL of one crawl.
	 *
	 * @param crawlId the crawl
	 * @param url the canonical URL
	 * @param kind what the crawl does with it
	 * @param order when it was found, counting from the crawl's start
	 * @param outcome what became of it; null while it waits
	 */
	public record Entry(String crawlId, String url, Kind kind, long order, Outcome outcome) {

		Entry finishedWith(Outcome what) {
			return new Entry(this.crawlId, this.url, this.kind, this.order, what);
		}

	}

	public enum Kind {

		/** A sitemap named by robots.txt, read for the URLs it lists. */
		SITEMAP,
		/** A listing page, read for its links and pagination. */
		LISTING,
		/** A page handed to the parser. */
		DETAIL

	}

	/**
	 * What became of a URL.
	 *
	 * @param result what it came to
	 * @param fetches the requests it took (with continuation pages and retries' last try)
	 * @param forbidden URLs among them robots.txt forbids
	 * @param failures what went wrong, each with its kind and reason
	 * @param folder for a listing, the folder it lists
	 * @param printedTotal for a listing, the total it prints (共N件), if any
	 * @param rows for a listing, the detail pages it links as its rows
	 */
	public record Outcome(Result result, int fetches, int forbidden, List<Failure> failures, String folder,
			Integer printedTotal, List<String> rows) {

		public Outcome {
			failures = failures == null ? List.of() : List.copyOf(failures);
			rows = rows == null ? List.of() : List.copyOf(rows);
		}

	}

	/**
	 * A failed request: its kind (a {@link FailureKind}'s label, or {@code http-404} …)
	 * and reason.
	 */
	public record Failure(String kind, String reason) {
	}

	public enum Result {

		/** A listing or sitemap read for its links. */
		READ,
		/** A detail page sent for the first time. */
		NEW,
		/** A detail page sent again, its content changed. */
		UPDATED,
		/** A detail page unchanged since the last crawl, not sent. */
		UNCHANGED,
		/** A detail page that was there and now answers 404 or 410. */
		GONE,
		/** Not read: forbidden by robots.txt or failed. */
		SKIPPED

	}

}
