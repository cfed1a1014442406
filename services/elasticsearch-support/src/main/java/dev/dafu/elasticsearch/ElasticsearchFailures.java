package dev.dafu.elasticsearch;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.NoHttpResponseException;
import org.elasticsearch.client.ResponseException;

/**
 * Tells a failure of Elasticsearch itself (down, unreachable, timing out, overloaded: 429
 * or 5xx) from one caused by what was sent (a mapping error, a document too large: any
 * other 4xx). Only the first kind goes away by waiting.
 */
public final class ElasticsearchFailures {

	private ElasticsearchFailures() {
	}

	/**
	 * Whether {@code failure}, or one of its causes, says Elasticsearch is unavailable.
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ElasticsearchUnavailableException) {
				return true;
			}
			if (cause instanceof ElasticsearchException ex) {
				return isUnavailable(ex.status());
			}
			if (cause instanceof TransportException ex) {
				return ex.statusCode() <= 0 || isUnavailable(ex.statusCode());
			}
			if (cause instanceof ResponseException ex) {
				return isUnavailable(ex.getResponse().getStatusLine().getStatusCode());
			}
		}
		// Refused, reset, closed, timed out: no answer at all.
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SocketException || cause instanceof InterruptedIOException
					|| cause instanceof UnknownHostException || cause instanceof ConnectionClosedException
					|| cause instanceof NoHttpResponseException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnavailable(int status) {
		return status == 429 || status >= 500;
	}

}
