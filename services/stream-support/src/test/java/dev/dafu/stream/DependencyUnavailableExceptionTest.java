package dev.dafu.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class DependencyUnavailableExceptionTest {

	@Test
	void aFailureOfTheDependencyIsWaitedOutAndNamesIt() {
		RuntimeException classified = DependencyUnavailableException.classify(
				new ConnectException("Connection refused"), "Elasticsearch",
				failure -> failure instanceof ConnectException);

		assertThat(classified).isInstanceOf(DependencyUnavailableException.class)
			.hasMessage("Elasticsearch is unavailable: Connection refused");
	}

	@Test
	void anyOtherFailureStaysWhatItIs() {
		IllegalArgumentException bad = new IllegalArgumentException("a reply with no id");
		IOException unreadable = new IOException("not JSON");

		assertThat(DependencyUnavailableException.classify(bad, "Elasticsearch", failure -> false)).isSameAs(bad);
		assertThat(DependencyUnavailableException.classify(unreadable, "Elasticsearch", failure -> false))
			.isInstanceOf(UncheckedIOException.class)
			.hasCause(unreadable);
	}

}
