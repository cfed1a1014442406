package dev.dafu.crawler.site;

import java.util.Comparator;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import dev.dafu.crawler.store.Documents;
import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.crawler.store.InMemoryDocuments;

/** The registered sites, by id, as every crawler instance and operator sees them. */
public interface Sites extends Documents<SiteProfile> {

	/** The most sites {@link #all} lists. */
	int MAX = 10_000;

	/** Every site, by id. */
	List<SiteProfile> all();

	/** The sites that have a schedule. */
	List<SiteProfile> scheduled();

	static ElasticsearchSites inElasticsearch(ElasticsearchClient client) {
		return new ElasticsearchSites(client);
	}

	static Sites inMemory() {
		return new InMemorySites();
	}

	/** In the {@code dafu-sites} index, for every instance. */
	public final class ElasticsearchSites extends ElasticsearchDocuments<SiteProfile> implements Sites {

		ElasticsearchSites(ElasticsearchClient client) {
			super(client, "dafu-sites", SiteProfile.class, true);
		}

		@Override
		public List<SiteProfile> all() {
			return search(Query.of(q -> q.matchAll(m -> m)), s -> s.field(f -> f.field("id")), MAX);
		}

		@Override
		public List<SiteProfile> scheduled() {
			return search(Query.of(q -> q.exists(e -> e.field("schedule"))), s -> s.field(f -> f.field("id")), MAX);
		}

	}

	/** In memory, for unit tests. */
	public final class InMemorySites extends InMemoryDocuments<SiteProfile> implements Sites {

		@Override
		public List<SiteProfile> all() {
			return super.all().stream().sorted(Comparator.comparing(SiteProfile::id)).limit(MAX).toList();
		}

		@Override
		public List<SiteProfile> scheduled() {
			return all().stream().filter(site -> site.schedule() != null).toList();
		}

	}

}
