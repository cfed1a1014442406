package dev.dafu.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

class ElasticsearchFailuresTest {

	@Test
	void noAnswerAtAllIsUnavailability() {
		assertThat(ElasticsearchFailures.isUnavailable(new UncheckedIOException(new ConnectException("refused"))))
			.isTrue();
		assertThat(ElasticsearchFailures.isUnavailable(new SocketTimeoutException("30,000 milliseconds"))).isTrue();
	}

	@Test
	void anOverloadedOrFailingServerIsUnavailable() {
		assertThat(ElasticsearchFailures.isUnavailable(answer(429, "es_rejected_execution_exception"))).isTrue();
		assertThat(ElasticsearchFailures.isUnavailable(answer(503, "cluster_block_exception"))).isTrue();
		assertThat(ElasticsearchFailures.isUnavailable(new ElasticsearchUnavailableException("bulk items: 429")))
			.isTrue();
	}

	@Test
	void aDocumentElasticsearchRefusesIsNot() {
		assertThat(ElasticsearchFailures.isUnavailable(answer(400, "document_parsing_exception"))).isFalse();
		assertThat(ElasticsearchFailures.isUnavailable(answer(409, "version_conflict_engine_exception"))).isFalse();
	}

	@Test
	void ourOwnMistakesAreNot() {
		assertThat(ElasticsearchFailures.isUnavailable(new UncheckedIOException(new JsonParseException(null, "bad"))))
			.isFalse();
		assertThat(ElasticsearchFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

	private static ElasticsearchException answer(int status, String type) {
		return new ElasticsearchException("index",
				ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason(type))));
	}

}
