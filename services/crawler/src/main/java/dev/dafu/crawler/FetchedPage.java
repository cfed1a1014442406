package dev.dafu.crawler;

import java.net.URI;

/**
 * What one HTTP request brought back.
 *
 * @param uri the URI asked for
 * @param status the HTTP status
 * @param contentType the Content-Type header, may be null
 * @param body the body bytes
 */
record FetchedPage(URI uri, int status, String contentType, byte[] body) {

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

}
