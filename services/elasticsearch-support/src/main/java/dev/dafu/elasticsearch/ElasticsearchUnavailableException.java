package dev.dafu.elasticsearch;

import java.io.IOException;

/**
 * Elasticsearch answered, but kept saying it cannot take the request now (429, 5xx) for
 * some items of a bulk request.
 */
public class ElasticsearchUnavailableException extends IOException {

	public ElasticsearchUnavailableException(String message) {
		super(message);
	}

}
