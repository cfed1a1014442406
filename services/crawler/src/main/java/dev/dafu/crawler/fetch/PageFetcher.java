package dev.dafu.crawler.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL politely and safely: every address checked by {@link AddressGuard},
 * redirects followed by hand (at most {@value #MAX_REDIRECTS}, each hop checked, none off
 * the site), a time and a size limit (compressed pages inflated within it), retries with
 * backoff for 429, 5xx and timeouts, honouring Retry-After, and a stop within
 * {@value #CANCEL_CHECK_MS} ms of a cancel, even in the middle of a page that trickles
 * in.
 */
public class PageFetcher {

	static final int MAX_REDIRECTS = 5;

	static final long CANCEL_CHECK_MS = 200;

	private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

	/** Pages first, then feeds, sitemaps and files. */
	private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final HttpClient http;

	private final String userAgent;

	private final Duration timeout;

	private final long maxBytes;

	private final int maxAttempts;

	private final Duration backoff;

	public PageFetcher(String userAgent, Duration timeout, long maxBytes, int maxAttempts, Duration backoff) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		this.userAgent = userAgent;
		this.timeout = timeout;
		this.maxBytes = maxBytes;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
	}

	/** The most bytes one page may have. */
	public long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * The page at {@code uri}, after redirects and retries; its status may still be an
	 * error.
	 * @throws IOException when the site cannot be reached, refuses past the retries,
	 * redirects too often or off the site, leads to a blocked address, sends more than
	 * the size limit, or the crawl was cancelled
	 */
	public FetchedPage fetch(URI uri, FetchScope scope) throws IOException, InterruptedException {
		return fetch(uri, scope, null, null);
	}

	/**
	 * The page at {@code uri}, asked for only if changed since {@code etag} /
	 * {@code lastModified} (either may be null); a page not changed answers 304 with no
	 * body.
	 */
	public FetchedPage fetch(URI uri, FetchScope scope, String etag, String lastModified)
			throws IOException, InterruptedException {
		URI current = uri;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			AddressGuard.check(current, scope.allowPrivateNetwork());
			FetchedPage page = fetchWithRetries(current, scope, etag, lastModified);
			if (page.status() < 300 || page.status() >= 400 || page.location() == null) {
				return page;
			}
			URI next = current.resolve(page.location());
			if (next.getHost() != null && !scope.mayRedirectTo(next)) {
				throw new OffSiteRedirectException(uri, next);
			}
			current = next;
		}
		throw new IOException(uri + ": more than " + MAX_REDIRECTS + " redirects");
	}

	private FetchedPage fetchWithRetries(URI uri, FetchScope scope, String etag, String lastModified)
			throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			Duration wait = this.backoff.multipliedBy(1L << (attempt - 1));
			try {
				FetchedPage page = fetchOnce(uri, scope, etag, lastModified);
				boolean retryable = page.status() == 429 || page.status() >= 500;
				if (!retryable || attempt >= this.maxAttempts) {
					return page;
				}
				wait = retryAfter(page.retryAfter(), wait);
			}
			catch (HttpTimeoutException ex) {
				if (attempt >= this.maxAttempts) {
					throw ex;
				}
			}
			long until = System.nanoTime() + wait.toNanos();
			while (System.nanoTime() < until) {
				stopIfCancelled(uri, scope);
				Thread.sleep(Math.min(CANCEL_CHECK_MS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
			}
			stopIfCancelled(uri, scope);
		}
	}

	private static void stopIfCancelled(URI uri, FetchScope scope) throws FetchCancelledException {
		if (scope.isCancelled()) {
			throw new FetchCancelledException(uri);
		}
	}

	private FetchedPage fetchOnce(URI uri, FetchScope scope, String etag, String lastModified)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("User-Agent", this.userAgent)
			// As a browser asks: to some web firewalls a request asking for nothing is
			// a script's.
			.header("Accept", ACCEPT)
			.header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
			.header("Accept-Encoding", ContentEncoding.ACCEPTED)
			.GET();
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		if (lastModified != null) {
			request.header("If-Modified-Since", lastModified);
		}
		CompletableFuture<HttpResponse<byte[]>> exchange = this.http.sendAsync(request.build(),
				info -> new LimitedBody(uri, this.maxBytes));
		HttpResponse<byte[]> response = null;
		// The whole page, headers to last byte, within the timeout: a site that trickles
		// its answer cannot hold a crawl, nor keep it from stopping when cancelled.
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			while (response == null) {
				if (scope.isCancelled()) {
					exchange.cancel(true);
					throw new FetchCancelledException(uri);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					exchange.cancel(true);
					throw new HttpTimeoutException(uri + " did not arrive in full within " + this.timeout);
				}
				try {
					response = exchange.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CANCEL_CHECK_MS)),
							TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException notYet) {
					// look again
				}
			}
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException failure) {
				throw failure;
			}
			throw new IOException(uri + ": " + ex.getCause(), ex.getCause());
		}
		byte[] body = ContentEncoding.decoded(uri, response.body(),
				response.headers().firstValue("Content-Encoding").orElse(null), this.maxBytes);
		return new FetchedPage(uri, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				body, response.headers().firstValue("Location").orElse(null),
				response.headers().firstValue("Retry-After").orElse(null),
				response.headers().firstValue("ETag").orElse(null),
				response.headers().firstValue("Last-Modified").orElse(null),
				response.headers().firstValue("Content-Disposition").orElse(null));
	}

	/**
	 * Retry-After as seconds or an HTTP date, at most a minute; the backoff when absent
	 * or unreadable.
	 */
	static Duration retryAfter(String header, Duration backoff) {
		if (header == null || header.isBlank()) {
			return backoff;
		}
		Duration wait;
		try {
			wait = Duration.ofSeconds(Long.parseLong(header.strip()));
		}
		catch (NumberFormatException ex) {
			try {
				wait = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
			}
			catch (DateTimeParseException unreadable) {
				return backoff;
			}
		}
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
	}

	/** Collects a body up to the size limit, and gives up on it past the limit. */
	private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final URI uri;

		private final long maxBytes;

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private Flow.Subscription subscription;

		LimitedBody(URI uri, long maxBytes) {
			this.uri = uri;
			this.maxBytes = maxBytes;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				if (this.body.isDone()) {
					return;
				}
				if (this.bytes.size() + (long) buffer.remaining() > this.maxBytes) {
					this.subscription.cancel();
					this.body.completeExceptionally(new PageTooLargeException(this.uri, this.maxBytes));
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.bytes.writeBytes(chunk);
			}
		}

		@Override
		public void onError(Throwable error) {
			this.body.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

	}

	/**
	 * The crawl was cancelled before the page came; nothing more is asked of the site.
	 */
	public static class FetchCancelledException extends IOException {

		FetchCancelledException(URI uri) {
			super(uri + ": the crawl was cancelled before it came");
		}

	}

	/** A redirect to another host than the site's, which is not followed. */
	public static class OffSiteRedirectException extends IOException {

		public OffSiteRedirectException(URI uri, URI target) {
			super(uri + " redirects off the site, to " + target + "; its host is not one of the site's start URLs");
		}

	}

	public static class PageTooLargeException extends IOException {

		public PageTooLargeException(URI uri, long maxBytes) {
			super(uri + " is larger than " + maxBytes + " bytes");
		}

	}

}
