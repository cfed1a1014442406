package dev.dafu.reply;

import java.time.Instant;
import java.util.List;

/**
 * One fetched page as the crawler hands it to the parser on {@code crawl.pages}. The raw
 * bytes travel unchanged so the parser can decide the encoding itself.
 *
 * @param url the canonical URL the page was fetched from (the record's key)
 * @param site the id of the site profile that led to this page
 * @param fetchedAt when the crawler received the page
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header as sent, may be null
 * @param content the body bytes (base64 in JSON)
 * @param parts the continuation pages of a reply printed over several pages, in order;
 * empty for most pages
 * @param attachments the files the page links as its reply (DOCX, PDF …), for a page that
 * is only a stub; empty for most pages
 * @param crawlId the crawl that sent the page, so what became of it can be told to the
 * operator; null when no crawl did
 */
public record CrawledPage(String url, String site, Instant fetchedAt, int status, String contentType, byte[] content,
		List<PagePart> parts, List<Attachment> attachments, String crawlId) {

	public CrawledPage {
		parts = parts == null ? List.of() : List.copyOf(parts);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** A page printed on one page, as most are. */
	public CrawledPage(String url, String site, Instant fetchedAt, int status, String contentType, byte[] content) {
		this(url, site, fetchedAt, status, contentType, content, List.of(), List.of(), null);
	}

}
