package dev.dafu.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * A server the stage needs (Elasticsearch, say) did not answer, or answered that it is
 * overloaded: the record is not at fault, so it is never dead-lettered. Its consumer
 * tries it again, with backoff, until the server is back, and commits nothing past it
 * meanwhile.
 */
public class DependencyUnavailableException extends RuntimeException {

	public DependencyUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * {@code failure} as a {@link DependencyUnavailableException} when
	 * {@code isUnavailable} says it is {@code dependency}'s, otherwise as it is (an
	 * {@link IOException} unchecked), to be thrown from a consumer.
	 */
	public static RuntimeException classify(Exception failure, String dependency, Predicate<Throwable> isUnavailable) {
		if (isUnavailable.test(failure)) {
			return new DependencyUnavailableException(dependency + " is unavailable: " + failure.getMessage(), failure);
		}
		return failure instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) failure;
	}

}
