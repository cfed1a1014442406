package dev.dafu.crawler.fetch;

import java.net.URI;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import dev.dafu.reply.PageCharset;

/**
 * What one HTTP request brought back.
 *
 * @param uri the URI asked for
 * @param status the HTTP status
 * @param contentType the Content-Type header, may be null
 * @param body the body bytes
 * @param location the Location header of a redirect, may be null
 * @param retryAfter the Retry-After header, may be null
 * @param etag the ETag header, may be null
 * @param lastModified the Last-Modified header, may be null
 * @param contentDisposition the Content-Disposition header (a file's name), may be null
 */
public record FetchedPage(URI uri, int status, String contentType, byte[] body, String location, String retryAfter,
		String etag, String lastModified, String contentDisposition) {

	public boolean notModified() {
		return this.status == 304;
	}

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	/** Whether it is HTML (or says not what it is, as some sites' pages do not). */
	public boolean isHtml() {
		return this.contentType == null || this.contentType.toLowerCase(Locale.ROOT).contains("html");
	}

	/**
	 * The page parsed, in the charset its header or markup names, links resolved against
	 * it.
	 */
	public Document document() {
		return Jsoup.parse(PageCharset.decode(this.body, this.contentType), this.uri.toString());
	}

}
