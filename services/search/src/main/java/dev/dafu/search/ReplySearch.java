package dev.dafu.search;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter;

/**
 * Finds replies. A query matches a reply when all its words (segmented like the
 * documents) occur in the title or the body, or when it occurs verbatim in the document
 * number, title, issuer or body; document-number matches rank first, then title matches.
 * The query is only ever used as text to match, never parsed as query syntax.
 */
public class ReplySearch {

	/** Fields kept out of API answers: they exist for matching and idempotence only. */
	private static final List<String> INTERNAL_FIELDS = List.of("words", "contentHash", "indexedAt", "change");

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final ChineseSegmenter segmenter;

	public ReplySearch(ElasticsearchClient client, ReplyIndex index, ChineseSegmenter segmenter) {
		this.client = client;
		this.index = index;
		this.segmenter = segmenter;
	}

	/**
	 * Page {@code page} (1-based) of the replies matching {@code text}; newest first when
	 * there is no text.
	 */
	public ReplyPage search(String text, int page, int size) throws IOException {
		boolean hasText = text != null && !text.isBlank();
		SearchRequest request = SearchRequest.of(s -> {
			s.index(this.index.name())
				.from((page - 1) * size)
				.size(size)
				.trackTotalHits(t -> t.enabled(true))
				.source(src -> src.filter(f -> f.excludes(INTERNAL_FIELDS)))
				.query(hasText ? matching(text.strip()) : Query.of(q -> q.matchAll(m -> m)));
			if (hasText) {
				s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
			}
			return s.sort(o -> o.field(f -> f.field("replyDate").order(SortOrder.Desc).missing("_last")))
				.sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
		});
		try {
			SearchResponse<Reply> response = this.client.search(request, Reply.class);
			List<Reply> items = response.hits().hits().stream().map(Hit::source).toList();
			return new ReplyPage(response.hits().total().value(), page, size, items);
		}
		catch (ElasticsearchException ex) {
			if (isMissingIndex(ex)) {
				return new ReplyPage(0, page, size, List.of());
			}
			throw ex;
		}
	}

	public Optional<Reply> find(String id) throws IOException {
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

	private Query matching(String text) {
		String words = this.segmenter.segmented(text);
		return Query.of(q -> q.bool(b -> {
			b.should(s -> s.matchPhrase(m -> m.field("documentNumber.text").query(text).boost(8f)))
				.should(s -> s.matchPhrase(m -> m.field("title").query(text).boost(4f)))
				.should(s -> s.matchPhrase(m -> m.field("issuer.text").query(text).boost(2f)))
				.should(s -> s.matchPhrase(m -> m.field("body").query(text).boost(2f)));
			if (!words.isEmpty()) {
				b.should(s -> s.match(m -> m.field("words.title").query(words).operator(Operator.And).boost(3f)))
					.should(s -> s.match(m -> m.field("words.body").query(words).operator(Operator.And)));
			}
			return b.minimumShouldMatch("1");
		}));
	}

	private static boolean isMissingIndex(ElasticsearchException ex) {
		return "index_not_found_exception".equals(ex.error().type());
	}

}
