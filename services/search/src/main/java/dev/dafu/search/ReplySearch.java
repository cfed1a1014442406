package dev.dafu.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.CitationCode;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.search.ReplyPage.FacetValue;
import dev.dafu.search.ReplyPage.Highlight;
import dev.dafu.text.ChineseSegmenter;

/**
 * Finds replies: what the user typed ({@link ReplyQueries}), the filters, facets counted
 * so that choosing one value of a facet still shows the others' counts (the facet filters
 * apply after the counts, each facet counted under the others' filters), a sort, and
 * pages by number or, past any depth, by cursor.
 */
public class ReplySearch {

	/** Fields kept out of API answers: they exist for matching and idempotence only. */
	static final List<String> INTERNAL_FIELDS = List.of("words", "contentHash", "indexedAt", "change");

	private static final String MARK = "<mark>";

	private static final String UNMARK = "</mark>";

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final ReplyQueries queries;

	/** A search over {@code index}, segmenting queries with {@code segmenter}. */
	public ReplySearch(ElasticsearchClient client, ReplyIndex index, ChineseSegmenter segmenter) {
		this(client, index, new ReplyQueries(segmenter));
	}

	ReplySearch(ElasticsearchClient client, ReplyIndex index, ReplyQueries queries) {
		this.client = client;
		this.index = index;
		this.queries = queries;
	}

	/**
	 * The page {@code paging} names of the replies matching {@code query} and
	 * {@code filters}, in {@code sort}'s order.
	 */
	public ReplyPage search(SearchQuery query, SearchFilters filters, Sort sort, Paging paging, int facetSize)
			throws IOException {
		SearchRequest request = request(query, filters, sort, paging, facetSize);
		try {
			SearchResponse<ReplySummary> response = this.client.search(request, ReplySummary.class);
			List<Hit<ReplySummary>> hits = response.hits().hits();
			List<ReplySummary> items = hits.stream().map(Hit::source).toList();
			String next = hits.size() == paging.size() && !hits.isEmpty()
					? SearchCursor.encode(hits.get(hits.size() - 1).sort()) : null;
			return new ReplyPage(response.hits().total().value(), paging.after() == null ? paging.page() : 1,
					paging.size(), items, highlights(hits), facets(response.aggregations()), next);
		}
		catch (ElasticsearchException ex) {
			if (isMissingIndex(ex)) {
				return new ReplyPage(0, paging.page(), paging.size(), List.of(), Map.of(), Map.of(), null);
			}
			throw ex;
		}
	}

	/**
	 * The one Elasticsearch request a search sends: its query, filters, facet counts,
	 * highlights, sort and page.
	 */
	public SearchRequest request(SearchQuery query, SearchFilters filters, Sort sort, Paging paging, int facetSize) {
		List<SortOptions> sorts = sort.options();
		List<FieldValue> after = paging.after();
		Map<Facet, Query> facetFilters = this.queries.facetFilters(filters);
		return SearchRequest.of(s -> {
			s.index(this.index.name())
				.size(paging.size())
				.trackTotalHits(t -> t.enabled(true))
				.source(src -> src.filter(f -> f.includes(ReplySummary.SOURCE_FIELDS)))
				.query(q -> q.bool(b -> b.must(this.queries.matching(query)).filter(this.queries.filters(filters))))
				.sort(sorts);
			if (after != null) {
				s.searchAfter(after);
			}
			else {
				s.from((paging.page() - 1) * paging.size());
			}
			if (!facetFilters.isEmpty()) {
				s.postFilter(p -> p.bool(b -> b.filter(List.copyOf(facetFilters.values()))));
			}
			for (Facet facet : Facet.values()) {
				s.aggregations(facet.parameter(), facetCount(facet, facetFilters, facetSize));
			}
			if (!query.text().isEmpty() || !query.phrases().isEmpty()) {
				s.highlight(h -> h.encoder(HighlighterEncoder.Html)
					.preTags(MARK)
					.postTags(UNMARK)
					.fields("title",
							f -> f.numberOfFragments(0).highlightQuery(this.queries.highlighted(query, "title")))
					.fields("body",
							f -> f.fragmentSize(120)
								.numberOfFragments(3)
								.highlightQuery(this.queries.highlighted(query, "body"))));
			}
			return s;
		});
	}

	public Optional<Reply> find(String id) throws IOException {
		if (!ReplyIdentity.isWellFormed(id)) {
			// No reply's; a long one would overflow Elasticsearch's request line.
			return Optional.empty();
		}
		try {
			var response = this.client.get(g -> g.index(this.index.name()).id(id).sourceExcludes(INTERNAL_FIELDS),
					Reply.class);
			return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
		}
		catch (ElasticsearchException ex) {
			if (isMissingIndex(ex)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * The replies {@code code} ({@link CitationCode}) may cite: none for a code that is
	 * no reply's, more than one only when replies share the first 48 bits of their ids.
	 */
	public List<Reply> cited(String code) throws IOException {
		Optional<String> prefix = CitationCode.idPrefix(code);
		if (prefix.isEmpty()) {
			return List.of();
		}
		try {
			return this.client
				.search(s -> s.index(this.index.name())
					.size(10)
					.source(src -> src.filter(f -> f.excludes(INTERNAL_FIELDS)))
					.query(q -> q.prefix(p -> p.field("id").value(prefix.get()))), Reply.class)
				.hits()
				.hits()
				.stream()
				.map(Hit::source)
				.toList();
		}
		catch (ElasticsearchException ex) {
			if (isMissingIndex(ex)) {
				return List.of();
			}
			throw ex;
		}
	}

	/** {@code facet}'s values, counted under the filters of every other facet. */
	private static Aggregation facetCount(Facet facet, Map<Facet, Query> facetFilters, int size) {
		List<Query> others = new ArrayList<>();
		facetFilters.forEach((other, filter) -> {
			if (other != facet) {
				others.add(filter);
			}
		});
		return Aggregation
			.of(a -> a.filter(f -> f.bool(b -> b.filter(others))).aggregations("values", facet.counting(size)));
	}

	private static Map<String, List<FacetValue>> facets(Map<String, Aggregate> aggregations) {
		Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
		for (Facet facet : Facet.values()) {
			facets.put(facet.parameter(),
					Facet.counts(aggregations.get(facet.parameter()).filter().aggregations().get("values")));
		}
		return facets;
	}

	private static Map<String, Highlight> highlights(List<Hit<ReplySummary>> hits) {
		Map<String, Highlight> highlights = new LinkedHashMap<>();
		for (Hit<ReplySummary> hit : hits) {
			Map<String, List<String>> marked = hit.highlight();
			if (marked == null || marked.isEmpty()) {
				continue;
			}
			List<String> title = marked.getOrDefault("title", List.of());
			highlights.put(hit.id(), new Highlight(title.isEmpty() ? null : joined(title.get(0)),
					marked.getOrDefault("body", List.of()).stream().map(ReplySearch::joined).toList()));
		}
		return highlights;
	}

	/**
	 * One mark around the characters of a matched word: Elasticsearch marks each of them
	 * apart, as the field has a token a character.
	 */
	private static String joined(String fragment) {
		return fragment.replace(UNMARK + MARK, "");
	}

	static boolean isMissingIndex(ElasticsearchException ex) {
		return "index_not_found_exception".equals(ex.error().type());
	}

	/** The orders results come in; the reply id breaks ties, so pages never overlap. */
	public enum Sort {

		RELEVANCE, NEWEST, OLDEST;

		/**
		 * The sort {@code value} names; without one, relevance for a query with words or
		 * phrases, else newest.
		 * @throws BadSearchRequestException for any other value
		 */
		public static Sort of(String value, SearchQuery query) {
			if (value == null || value.isBlank()) {
				return query.text().isEmpty() && query.phrases().isEmpty() ? NEWEST : RELEVANCE;
			}
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BadSearchRequestException(
						"sort must be relevance, newest or oldest, not " + SearchFilters.quoted(value));
			}
		}

		List<SortOptions> options() {
			List<SortOptions> options = new ArrayList<>();
			if (this == RELEVANCE) {
				options.add(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))));
			}
			SortOrder dates = this == OLDEST ? SortOrder.Asc : SortOrder.Desc;
			options.add(SortOptions.of(o -> o.field(f -> f.field("replyDate").order(dates).missing("_last"))));
			options.add(SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc))));
			return options;
		}

	}

	/**
	 * @param page the 1-based page number, when there is no cursor
	 * @param size how many results a page
	 * @param after the sort values of the previous page's last result (its
	 * {@code nextCursor}), or null
	 */
	public record Paging(int page, int size, List<FieldValue> after) {
	}

}
