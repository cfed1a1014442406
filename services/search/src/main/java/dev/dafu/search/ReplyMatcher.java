package dev.dafu.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import dev.dafu.reply.Enrichment;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter;

/**
 * Whether one reply, as an event carries it, is one a search with these words and filters
 * would find: the filters exactly as the index applies them, the words as text (every
 * word of the query, as segmented, and every phrase occur in the title, the submission's
 * title or the body; no excluded one does).
 */
final class ReplyMatcher implements Predicate<Reply> {

	private final List<String> words;

	private final SearchQuery query;

	private final SearchFilters filters;

	ReplyMatcher(SearchQuery query, SearchFilters filters, ChineseSegmenter segmenter) {
		this.query = query;
		this.filters = filters;
		String segmented = query.text().isEmpty() ? "" : segmenter.segmented(query.text());
		this.words = segmented.isEmpty() ? List.of() : List.of(segmented.split(" "));
	}

	@Override
	public boolean test(Reply reply) {
		return matchesText(reply) && matchesFacets(reply) && matchesOthers(reply);
	}

	private boolean matchesText(Reply reply) {
		String text = String.join("\n", Objects.toString(reply.title(), ""),
				reply.submission() == null ? "" : Objects.toString(reply.submission().subject(), ""),
				Objects.toString(reply.body(), ""));
		return this.words.stream().allMatch(text::contains) && this.query.phrases().stream().allMatch(text::contains)
				&& this.query.excluded().stream().noneMatch(text::contains);
	}

	private boolean matchesFacets(Reply reply) {
		Enrichment enrichment = reply.enrichment();
		return any(Facet.ISSUER, reply.issuer())
				&& any(Facet.LEVEL, enrichment == null || enrichment.level() == null ? null : enrichment.level().name())
				&& any(Facet.YEAR, reply.replyDate() == null ? null : String.valueOf(reply.replyDate().getYear()))
				&& any(Facet.KIND, reply.submission() == null ? null : reply.submission().kind().name())
				&& any(Facet.RESULT, reply.handlingResult() == null ? null : reply.handlingResult().category().name())
				&& any(Facet.SESSION, reply.submission() == null ? null : reply.submission().session())
				&& (this.filters.of(Facet.TOPIC).isEmpty() || enrichment != null && enrichment.topics()
					.stream()
					.anyMatch(topic -> this.filters.of(Facet.TOPIC).contains(topic.name())));
	}

	private boolean matchesOthers(Reply reply) {
		String region = reply.enrichment() == null ? null : reply.enrichment().region();
		LocalDate date = reply.replyDate();
		boolean withdrawn = reply.withdrawnAt() != null;
		return (this.filters.regions().isEmpty() || this.filters.regions().contains(region))
				&& (this.filters.proposers().isEmpty() || reply.submission() != null
						&& reply.submission().proposers().stream().anyMatch(this.filters.proposers()::contains))
				&& (this.filters.sites().isEmpty() || this.filters.sites().contains(reply.site()))
				&& (this.filters.from() == null || date != null && !date.isBefore(this.filters.from()))
				&& (this.filters.to() == null || date != null && !date.isAfter(this.filters.to()))
				&& switch (this.filters.withdrawn()) {
					case INCLUDE -> true;
					case EXCLUDE -> !withdrawn;
					case ONLY -> withdrawn;
				};
	}

	private boolean any(Facet facet, String value) {
		List<String> chosen = this.filters.of(facet);
		return chosen.isEmpty() || value != null && chosen.contains(value);
	}

}
