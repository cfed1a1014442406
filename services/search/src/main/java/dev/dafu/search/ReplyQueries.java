package dev.dafu.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import dev.dafu.text.ChineseSegmenter;

/**
 * The Elasticsearch queries of a search: what the user typed, and the filters. A reply
 * matches the words when all of them (segmented as documents are) occur in its title, its
 * submission's title or its body, or when they occur verbatim in its document number, its
 * submission's title, title, issuer or body. Ranked first: a document number or
 * submission number typed as such, then the submission's own title (the words of the
 * suggestion a user means), then the title, then the body.
 */
final class ReplyQueries {

	/** Fields printed text is matched in verbatim (one token a character). */
	private static final List<String> PHRASE_FIELDS = List.of("title", "submission.subject", "body", "issuer.text",
			"documentNumber.text");

	private final ChineseSegmenter segmenter;

	ReplyQueries(ChineseSegmenter segmenter) {
		this.segmenter = segmenter;
	}

	/** What the query's words, phrases and exclusions ask for; everything when empty. */
	Query matching(SearchQuery query) {
		if (query.isEmpty()) {
			return Query.of(q -> q.matchAll(m -> m));
		}
		return Query.of(q -> q.bool(b -> {
			if (!query.text().isEmpty()) {
				b.must(words(query));
			}
			for (String phrase : query.phrases()) {
				b.must(anyField(phrase));
			}
			for (String excluded : query.excluded()) {
				b.mustNot(anyField(excluded));
			}
			if (query.text().isEmpty() && query.phrases().isEmpty()) {
				b.must(m -> m.matchAll(all -> all));
			}
			return b;
		}));
	}

	/** Only the words and phrases, to mark them in titles and bodies. */
	Query highlighted(SearchQuery query, String field) {
		return Query.of(q -> q.bool(b -> {
			for (String phrase : query.phrases()) {
				b.should(s -> s.matchPhrase(m -> m.field(field).query(phrase)));
			}
			if (!query.text().isEmpty()) {
				b.should(s -> s.matchPhrase(m -> m.field(field).query(query.text())));
				for (String word : this.segmenter.segmented(query.text()).split(" ")) {
					if (word.codePointCount(0, word.length()) >= 2) {
						b.should(s -> s.matchPhrase(m -> m.field(field).query(word)));
					}
				}
			}
			return b.minimumShouldMatch("0");
		}));
	}

	/** The filters that are not facets: region, proposer, site, dates, withdrawn. */
	List<Query> filters(SearchFilters filters) {
		List<Query> queries = new ArrayList<>();
		terms("enrichment.region", filters.regions()).ifPresent(queries::add);
		terms("submission.proposers", filters.proposers()).ifPresent(queries::add);
		terms("site", filters.sites()).ifPresent(queries::add);
		if (filters.from() != null || filters.to() != null) {
			queries.add(Query.of(q -> q.range(r -> r.date(d -> {
				d.field("replyDate");
				if (filters.from() != null) {
					d.gte(filters.from().toString());
				}
				if (filters.to() != null) {
					d.lte(filters.to().toString());
				}
				return d;
			}))));
		}
		Query withdrawn = Query.of(q -> q.exists(e -> e.field("withdrawnAt")));
		switch (filters.withdrawn()) {
			case EXCLUDE -> queries.add(Query.of(q -> q.bool(b -> b.mustNot(withdrawn))));
			case ONLY -> queries.add(withdrawn);
			case INCLUDE -> {
			}
		}
		return queries;
	}

	/** Every filter, the facets' included: what statistics and exports apply. */
	List<Query> allFilters(SearchFilters filters) {
		List<Query> all = new ArrayList<>(filters(filters));
		all.addAll(facetFilters(filters).values());
		return all;
	}

	/** The filter of each facet a value was chosen for. */
	Map<Facet, Query> facetFilters(SearchFilters filters) {
		Map<Facet, Query> queries = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			List<String> values = filters.of(facet);
			if (values.isEmpty()) {
				continue;
			}
			if (facet == Facet.YEAR) {
				queries.put(facet, Query.of(q -> q.bool(b -> {
					for (String year : values) {
						int y = Integer.parseInt(year);
						b.should(s -> s
							.range(r -> r.date(d -> d.field("replyDate").gte(y + "-01-01").lt((y + 1) + "-01-01"))));
					}
					return b.minimumShouldMatch("1");
				})));
			}
			else {
				terms(facet.field(), values).ifPresent(query -> queries.put(facet, query));
			}
		}
		return queries;
	}

	private Query words(SearchQuery query) {
		String text = query.text();
		String words = this.segmenter.segmented(text);
		return Query.of(q -> q.bool(b -> {
			if (query.submissionNumber() != null) {
				b.should(s -> s.term(t -> t.field("submission.number").value(query.submissionNumber()).boost(10f)));
			}
			b.should(s -> s.matchPhrase(m -> m.field("documentNumber.text").query(text).boost(10f)))
				.should(s -> s.matchPhrase(m -> m.field("submission.subject").query(text).boost(6f)))
				.should(s -> s.matchPhrase(m -> m.field("title").query(text).boost(4f)))
				.should(s -> s.matchPhrase(m -> m.field("issuer.text").query(text).boost(2f)))
				.should(s -> s.matchPhrase(m -> m.field("body").query(text).boost(2f)));
			if (!words.isEmpty()) {
				b.should(s -> s.match(m -> m.field("words.subject").query(words).operator(Operator.And).boost(5f)))
					.should(s -> s.match(m -> m.field("words.title").query(words).operator(Operator.And).boost(3f)))
					.should(s -> s.match(m -> m.field("words.body").query(words).operator(Operator.And)));
			}
			return b.minimumShouldMatch("1");
		}));
	}

	private static Query anyField(String phrase) {
		return Query.of(q -> q.bool(b -> {
			for (String field : PHRASE_FIELDS) {
				b.should(s -> s.matchPhrase(m -> m.field(field).query(phrase)));
			}
			return b.minimumShouldMatch("1");
		}));
	}

	private static Optional<Query> terms(String field, List<String> values) {
		if (values.isEmpty()) {
			return Optional.empty();
		}
		List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
		return Optional.of(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
	}

}
