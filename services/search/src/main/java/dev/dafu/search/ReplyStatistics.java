package dev.dafu.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.search.ReplyPage.FacetValue;

/**
 * Counts of the replies a search finds, for charts: by year, issuer, level, kind,
 * handling result, topic and session, with every filter applied. A republished copy
 * ({@code nearDuplicateOf}) is not counted: each text counts once.
 */
public class ReplyStatistics {

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final ReplyQueries queries;

	ReplyStatistics(ElasticsearchClient client, ReplyIndex index, ReplyQueries queries) {
		this.client = client;
		this.index = index;
		this.queries = queries;
	}

	/** The counts, each listing its {@code top} commonest values (years: every one). */
	public Stats of(SearchQuery query, SearchFilters filters, int top) throws IOException {
		List<Query> filter = this.queries.allFilters(filters);
		try {
			var response = this.client.search(s -> {
				s.index(this.index.name())
					.size(0)
					.trackTotalHits(t -> t.enabled(true))
					.query(q -> q.bool(b -> b.must(this.queries.matching(query))
						.filter(filter)
						.mustNot(n -> n.exists(e -> e.field("nearDuplicateOf")))));
				for (Facet facet : Facet.values()) {
					s.aggregations(facet.parameter(), facet.counting(top));
				}
				return s;
			}, Void.class);
			Map<String, List<FacetValue>> counts = new LinkedHashMap<>();
			for (Facet facet : Facet.values()) {
				counts.put(facet.parameter(), Facet.counts(response.aggregations().get(facet.parameter())));
			}
			return new Stats(response.hits().total().value(), counts);
		}
		catch (ElasticsearchException ex) {
			if (ReplySearch.isMissingIndex(ex)) {
				return new Stats(0, Map.of());
			}
			throw ex;
		}
	}

	/**
	 * @param total how many replies are counted (copies left out)
	 * @param counts for each of issuer, level, year, kind, result, topic and session, its
	 * values with how many replies have them, most first (years newest first)
	 */
	public record Stats(long total, Map<String, List<FacetValue>> counts) {
	}

}
