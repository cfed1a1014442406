package dev.dafu.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.Reply;

/**
 * Completions as a user types: issuing units, sessions and reply titles that contain what
 * was typed (characters in order: the text fields hold a token a character), commonest
 * units and sessions first. What was typed is only text to match.
 */
public class Suggestions {

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	public Suggestions(ElasticsearchClient client, ReplyIndex index) {
		this.client = client;
		this.index = index;
	}

	/** Up to {@code size} of each kind of completion for {@code typed}. */
	public Suggested of(String typed, int size) throws IOException {
		String text = typed == null ? "" : typed.strip();
		if (text.isEmpty()) {
			return new Suggested(List.of(), List.of(), List.of());
		}
		Query issuers = Query.of(q -> q.matchPhrase(m -> m.field("issuer.text").query(text)));
		Query sessions = Query.of(q -> q.matchPhrase(m -> m.field("submission.session.text").query(text)));
		Query titles = Query.of(q -> q.bool(b -> b.should(s -> s.matchPhrase(m -> m.field("title").query(text)))
			.should(s -> s.matchPhrase(m -> m.field("submission.subject").query(text)))
			.minimumShouldMatch("1")));
		try {
			var response = this.client.search(
					s -> s.index(this.index.name())
						.size(size)
						.source(src -> src.filter(f -> f.includes("id", "title")))
						.query(q -> q
							.bool(b -> b.should(issuers).should(sessions).should(titles).minimumShouldMatch("1")))
						.postFilter(titles)
						.aggregations("issuers",
								a -> a.filter(issuers)
									.aggregations("values", v -> v.terms(t -> t.field("issuer").size(size))))
						.aggregations("sessions", a -> a.filter(sessions)
							.aggregations("values", v -> v.terms(t -> t.field("submission.session").size(size)))),
					Reply.class);
			List<Title> found = new ArrayList<>();
			for (Hit<Reply> hit : response.hits().hits()) {
				found.add(new Title(hit.id(), hit.source().title()));
			}
			return new Suggested(values(response.aggregations().get("issuers")),
					values(response.aggregations().get("sessions")), found);
		}
		catch (ElasticsearchException ex) {
			if (ReplySearch.isMissingIndex(ex)) {
				return new Suggested(List.of(), List.of(), List.of());
			}
			throw ex;
		}
	}

	private static List<String> values(Aggregate filtered) {
		return Facet.counts(filtered.filter().aggregations().get("values"))
			.stream()
			.map(ReplyPage.FacetValue::value)
			.toList();
	}

	/**
	 * @param issuers issuing units whose name contains the text
	 * @param sessions sessions whose name contains it
	 * @param titles replies whose title or submission title contains it
	 */
	public record Suggested(List<String> issuers, List<String> sessions, List<Title> titles) {
	}

	/**
	 * @param id the reply's id
	 * @param title its title
	 */
	public record Title(String id, String title) {
	}

}
