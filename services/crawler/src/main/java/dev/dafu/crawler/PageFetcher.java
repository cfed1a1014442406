package dev.dafu.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches one URL with a time limit and a size limit. */
class PageFetcher {

	private final HttpClient http;

	private final String userAgent;

	private final Duration timeout;

	private final long maxBytes;

	PageFetcher(String userAgent, Duration timeout, long maxBytes) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
		this.userAgent = userAgent;
		this.timeout = timeout;
		this.maxBytes = maxBytes;
	}

	/**
	 * @throws PageTooLargeException when the body is larger than the limit
	 * @throws IOException when the site cannot be reached or the request times out
	 */
	FetchedPage fetch(URI uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("User-Agent", this.userAgent)
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			byte[] bytes = body.readNBytes(Math.toIntExact(Math.min(this.maxBytes + 1, Integer.MAX_VALUE - 8)));
			if (bytes.length > this.maxBytes) {
				throw new PageTooLargeException(uri, this.maxBytes);
			}
			return new FetchedPage(uri, response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(null), bytes);
		}
	}

	static class PageTooLargeException extends IOException {

		PageTooLargeException(URI uri, long maxBytes) {
			super(uri + " is larger than " + maxBytes + " bytes");
		}

	}

}
