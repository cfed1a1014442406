package dev.dafu.reply;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A published reply to a deputy's suggestion or a CPPCC proposal, in the public document
 * shape (see {@code schemas/reply.v1.schema.json}). Later extractor versions add fields;
 * they are optional so older consumers keep working.
 *
 * @param id stable id derived from issuer and document number (see {@link ReplyIdentity})
 * @param urls every URL the reply was found under
 * @param site the id of the site profile it was crawled from
 * @param title the reply's title as printed
 * @param documentNumber the 文号 as printed, null when the page has none
 * @param issuer the answering unit (答复单位)
 * @param replyDate the signature date
 * @param body the reply's text, one paragraph a line
 * @param extractorVersion the parser version that produced this record
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reply(String id, List<String> urls, String site, String title, String documentNumber, String issuer,
		LocalDate replyDate, String body, String extractorVersion) {

	public Reply {
		urls = urls == null ? List.of() : List.copyOf(urls);
	}

	public Reply withUrls(List<String> newUrls) {
		return new Reply(id, newUrls, site, title, documentNumber, issuer, replyDate, body, extractorVersion);
	}

}
