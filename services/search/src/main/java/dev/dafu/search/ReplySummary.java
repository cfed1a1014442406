package dev.dafu.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.dafu.reply.CitationCode;
import dev.dafu.reply.Enrichment;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Submission;

/**
 * A reply as a list shows it: the fields of the whole reply ({@code /api/replies/{id}})
 * that tell one result from another, under the same names, without its body, sections,
 * contact, metadata and entities. A page of twenty whole replies is about 150 KB; of
 * these, about 30 KB.
 *
 * @param id the reply's id
 * @param title its title as printed
 * @param documentNumber its 文号
 * @param issuer the answering unit
 * @param site the site profile it was crawled from
 * @param submission the suggestion or proposal it answers
 * @param handlingResult its 办理结果, or null
 * @param replyDate its signature date
 * @param urls every URL it was found under
 * @param goneUrls those of its URLs that no longer serve it
 * @param withdrawnAt when the last of its URLs was found gone, or null
 * @param nearDuplicateOf the reply it is a republished copy of, or null
 * @param enrichment what the enricher read out of it that a list shows, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplySummary(String id, String title, String documentNumber, String issuer, String site,
		Submission submission, HandlingResult handlingResult, LocalDate replyDate, List<String> urls,
		List<String> goneUrls, Instant withdrawnAt, @JsonInclude(JsonInclude.Include.NON_NULL) String nearDuplicateOf,
		@JsonInclude(JsonInclude.Include.NON_NULL) EnrichmentSummary enrichment) {

	/**
	 * The fields of the stored reply a summary reads, for Elasticsearch's source filter.
	 */
	static final List<String> SOURCE_FIELDS = List.of("id", "title", "documentNumber", "issuer", "site", "submission",
			"handlingResult", "replyDate", "urls", "goneUrls", "withdrawnAt", "nearDuplicateOf", "enrichment.summary",
			"enrichment.keywords", "enrichment.topics", "enrichment.level", "enrichment.region",
			"enrichment.submissionKey");

	public ReplySummary {
		urls = urls == null ? List.of() : List.copyOf(urls);
		goneUrls = goneUrls == null ? List.of() : List.copyOf(goneUrls);
	}

	/** Its short citation code ({@link CitationCode}), derived from its id. */
	@JsonProperty(value = "citation", access = JsonProperty.Access.READ_ONLY)
	public String citation() {
		return CitationCode.of(this.id);
	}

	/**
	 * @param summary two or three sentences of the answer
	 * @param keywords the words that say what it is about
	 * @param topics the policy areas it is about, each with the terms that put it there
	 * @param level the issuing unit's level of government, or null
	 * @param region the issuing unit's province or city, or null
	 * @param submissionKey the same for every reply to one submission, or null
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record EnrichmentSummary(String summary, List<String> keywords, List<Enrichment.Topic> topics,
			Enrichment.Level level, String region, String submissionKey) {

		public EnrichmentSummary {
			keywords = keywords == null ? List.of() : List.copyOf(keywords);
			topics = topics == null ? List.of() : List.copyOf(topics);
		}

	}

}
