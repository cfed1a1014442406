package dev.dafu.reply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A published reply to a deputy's suggestion or a CPPCC proposal, in the public document
 * shape ({@code schemas/reply.v1.schema.json}). Every field is what the page printed; a
 * field the page does not have is null (or empty), never guessed.
 *
 * @param id stable id derived from issuer and document number (see {@link ReplyIdentity})
 * @param urls every URL the reply was found under
 * @param partUrls the continuation pages of a reply printed over several pages, in order;
 * or, for a reply read from a file its page links (附件), that file
 * @param site the id of the site profile it was crawled from
 * @param title the reply's title as printed
 * @param documentNumber the 文号 as printed
 * @param issuer the answering unit (答复单位)
 * @param submission the suggestion or proposal answered
 * @param handlingResult the 办理结果, null when the page prints none
 * @param disclosure the 公开属性 as printed, e.g. {@code 主动公开·全文}
 * @param replyDate the signature date (成文日期), not the publication date
 * @param publishDate when the site published it, where the page says
 * @param contact the contact block at the end
 * @param cc the 抄送 recipients
 * @param sections the top-level sections, headings in order
 * @param body the reply's text from the salutation on, one paragraph a line
 * @param metadata the page's own metadata (索引号, 主题分类, 发布日期 …), labels as printed
 * @param extractorVersion the parser version that produced this record
 * @param goneUrls the URLs among {@code urls} that no longer serve the reply (they answer
 * 404 or 410 since a crawl found them gone); empty while every one does
 * @param withdrawnAt when the last of its URLs was found gone: the reply is no longer
 * published anywhere Dafu knows of; null while it is
 * @param fetchedAt when the page it was read from was fetched; in the index, the latest
 * fetch of any of its URLs. With {@code extractorVersion} it orders the records of one
 * reply (see the indexer). Not part of its content: a page fetched again with the same
 * reply changes no content hash and announces nothing, so events leave it out
 * @param enrichment what the enricher read out of it (keywords, summary, topics,
 * entities, the submission it answers); null before the enricher has seen it
 * @param nearDuplicateOf the id of the reply this one is a near-duplicate of (a
 * republished copy of its text under another URL or site, see {@link Fingerprints}): the
 * first of them indexed, which statistics count instead; null when it is none's
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reply(String id, List<String> urls, List<String> partUrls, String site, String title,
		String documentNumber, String issuer, Submission submission, HandlingResult handlingResult, String disclosure,
		LocalDate replyDate, LocalDate publishDate, Contact contact, List<String> cc, List<Section> sections,
		String body, Map<String, String> metadata, String extractorVersion, List<String> goneUrls, Instant withdrawnAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) Instant fetchedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) Enrichment enrichment,
		@JsonInclude(JsonInclude.Include.NON_NULL) String nearDuplicateOf) {

	public Reply {
		urls = urls == null ? List.of() : List.copyOf(urls);
		partUrls = partUrls == null ? List.of() : List.copyOf(partUrls);
		cc = cc == null ? List.of() : List.copyOf(cc);
		sections = sections == null ? List.of() : List.copyOf(sections);
		metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
		goneUrls = goneUrls == null ? List.of() : List.copyOf(goneUrls);
	}

	/** Its short citation code ({@link CitationCode}), derived from its id. */
	@JsonProperty(value = "citation", access = JsonProperty.Access.READ_ONLY)
	public String citation() {
		return CitationCode.of(this.id);
	}

	public Reply withUrls(List<String> newUrls) {
		return new Reply(this.id, newUrls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, this.body, this.metadata, this.extractorVersion, this.goneUrls,
				this.withdrawnAt, this.fetchedAt, this.enrichment, this.nearDuplicateOf);
	}

	public Reply withBody(String newBody) {
		return new Reply(this.id, this.urls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, newBody, this.metadata, this.extractorVersion, this.goneUrls, this.withdrawnAt,
				this.fetchedAt, this.enrichment, this.nearDuplicateOf);
	}

	/** The reply with these of its URLs gone, withdrawn at {@code when} if all are. */
	public Reply withGone(List<String> newGoneUrls, Instant when) {
		return new Reply(this.id, this.urls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, this.body, this.metadata, this.extractorVersion, newGoneUrls,
				newGoneUrls.containsAll(this.urls) && !this.urls.isEmpty() ? when : null, this.fetchedAt,
				this.enrichment, this.nearDuplicateOf);
	}

	public Reply withFetchedAt(Instant when) {
		return new Reply(this.id, this.urls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, this.body, this.metadata, this.extractorVersion, this.goneUrls,
				this.withdrawnAt, when, this.enrichment, this.nearDuplicateOf);
	}

	public Reply withEnrichment(Enrichment newEnrichment) {
		return new Reply(this.id, this.urls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, this.body, this.metadata, this.extractorVersion, this.goneUrls,
				this.withdrawnAt, this.fetchedAt, newEnrichment, this.nearDuplicateOf);
	}

	public Reply withNearDuplicateOf(String original) {
		return new Reply(this.id, this.urls, this.partUrls, this.site, this.title, this.documentNumber, this.issuer,
				this.submission, this.handlingResult, this.disclosure, this.replyDate, this.publishDate, this.contact,
				this.cc, this.sections, this.body, this.metadata, this.extractorVersion, this.goneUrls,
				this.withdrawnAt, this.fetchedAt, this.enrichment, original);
	}

}
