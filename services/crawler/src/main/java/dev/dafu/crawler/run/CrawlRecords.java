package dev.dafu.crawler.run;

import java.util.Comparator;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import dev.dafu.crawler.store.Documents;
import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.crawler.store.InMemoryDocuments;

/** The crawl records, by crawl id, as every crawler instance and operator sees them. */
public interface CrawlRecords extends Documents<CrawlRecord> {

	/** The most unfinished crawls {@link #unfinished} lists. */
	int MAX_UNFINISHED = 1000;

	/** The latest {@code size} crawls of {@code siteId}, newest first. */
	List<CrawlRecord> recent(String siteId, int size);

	/**
	 * The queued and running crawls of {@code siteId}, or of every site when it is null,
	 * oldest first. A search may lag the last write: read one again by id before acting
	 * on it.
	 */
	List<CrawlRecord> unfinished(String siteId);

	static ElasticsearchCrawlRecords inElasticsearch(ElasticsearchClient client) {
		return new ElasticsearchCrawlRecords(client);
	}

	static CrawlRecords inMemory() {
		return new InMemoryCrawlRecords();
	}

	/** In the {@code dafu-crawls} index, for every instance. */
	public final class ElasticsearchCrawlRecords extends ElasticsearchDocuments<CrawlRecord> implements CrawlRecords {

		ElasticsearchCrawlRecords(ElasticsearchClient client) {
			super(client, "dafu-crawls", CrawlRecord.class, true);
		}

		@Override
		public List<CrawlRecord> recent(String siteId, int size) {
			return search(Query.of(q -> q.term(t -> t.field("siteId").value(siteId))),
					s -> s.field(f -> f.field("queuedAt").order(SortOrder.Desc)), size);
		}

		@Override
		public List<CrawlRecord> unfinished(String siteId) {
			Query which = siteId == null ? Query.of(q -> q.matchAll(m -> m))
					: Query.of(q -> q.term(t -> t.field("siteId").value(siteId)));
			return search(
					Query.of(q -> q.bool(b -> b.filter(which)
						.filter(f -> f.terms(t -> t.field("state")
							.terms(v -> v.value(List.of(FieldValue.of(CrawlRecord.State.QUEUED.name()),
									FieldValue.of(CrawlRecord.State.RUNNING.name())))))))),
					s -> s.field(f -> f.field("queuedAt").order(SortOrder.Asc)), MAX_UNFINISHED);
		}

	}

	/** In memory, for unit tests. */
	public final class InMemoryCrawlRecords extends InMemoryDocuments<CrawlRecord> implements CrawlRecords {

		@Override
		public List<CrawlRecord> recent(String siteId, int size) {
			return all().stream()
				.filter(crawl -> crawl.siteId().equals(siteId))
				.sorted(Comparator.comparing(CrawlRecord::queuedAt).reversed())
				.limit(size)
				.toList();
		}

		@Override
		public List<CrawlRecord> unfinished(String siteId) {
			return all().stream()
				.filter(crawl -> siteId == null || crawl.siteId().equals(siteId))
				.filter(crawl -> !crawl.hasEnded())
				.sorted(Comparator.comparing(CrawlRecord::queuedAt))
				.limit(MAX_UNFINISHED)
				.toList();
		}

	}

}
