package dev.dafu.crawler.fetch;

import java.net.URI;

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

}
