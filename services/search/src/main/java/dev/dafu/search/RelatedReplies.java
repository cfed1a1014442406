package dev.dafu.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.Reply;

/**
 * The replies that belong with one reply, most closely first: the other answers to the
 * same submission (the lead unit's and the co-handlers', by {@code submissionKey}), then
 * its near-duplicates (the original it copies and the copies of it), then replies whose
 * words are most alike (Elasticsearch's more_like_this over the segmented title and
 * body).
 */
public class RelatedReplies {

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	public RelatedReplies(ElasticsearchClient client, ReplyIndex index) {
		this.client = client;
		this.index = index;
	}

	/**
	 * Up to {@code size} replies related to {@code reply}, each with how. A copy usually
	 * answers the same submission too: it is listed as a near-duplicate.
	 */
	public List<Related> of(Reply reply, int size) throws IOException {
		Set<String> seen = new HashSet<>(Set.of(reply.id()));
		List<Related> copies = new ArrayList<>();
		add(copies, seen, Relation.NEAR_DUPLICATE, size, Query.of(q -> q.bool(b -> {
			b.should(s -> s.term(t -> t.field("nearDuplicateOf").value(reply.id())));
			Optional.ofNullable(reply.nearDuplicateOf())
				.ifPresent(original -> b.should(s -> s.ids(i -> i.values(original))));
			return b.minimumShouldMatch("1");
		})));
		List<Related> related = new ArrayList<>();
		String key = reply.enrichment() == null ? null : reply.enrichment().submissionKey();
		if (key != null) {
			add(related, seen, Relation.SAME_SUBMISSION, size - copies.size(),
					Query.of(q -> q.term(t -> t.field("enrichment.submissionKey").value(key))));
		}
		related.addAll(copies);
		add(related, seen, Relation.SIMILAR, size,
				Query.of(q -> q.moreLikeThis(m -> m.fields("words.title", "words.body")
					.like(l -> l.document(d -> d.index(this.index.name()).id(reply.id())))
					.minTermFreq(1)
					.minDocFreq(1)
					.maxQueryTerms(30)
					.minimumShouldMatch("30%"))));
		return related;
	}

	private void add(List<Related> related, Set<String> seen, Relation relation, int size, Query query)
			throws IOException {
		if (related.size() >= size) {
			return;
		}
		var response = this.client.search(
				s -> s.index(this.index.name())
					.size(size - related.size())
					.source(src -> src.filter(f -> f.includes(ReplySummary.SOURCE_FIELDS)))
					.query(q -> q.bool(b -> b.must(query).mustNot(n -> n.ids(i -> i.values(List.copyOf(seen)))))),
				ReplySummary.class);
		for (Hit<ReplySummary> hit : response.hits().hits()) {
			if (seen.add(hit.id())) {
				related.add(new Related(relation, hit.source()));
			}
		}
	}

	/** How a reply is related to another. */
	public enum Relation {

		/** It answers the same suggestion or proposal (another unit's answer). */
		SAME_SUBMISSION,

		/** One is a republished copy of the other. */
		NEAR_DUPLICATE,

		/** Its words are alike. */
		SIMILAR

	}

	/**
	 * @param relation how it is related
	 * @param reply the related reply, as a list shows it
	 */
	public record Related(Relation relation, ReplySummary reply) {
	}

}
