package dev.dafu.crawler.store;

import java.util.Optional;

/**
 * Crawler state of one kind, by id, each document with a version a conditional write
 * checks, so that instances writing the same document at once cannot undo each other.
 * {@link ElasticsearchDocuments} keeps them for every instance; {@link InMemoryDocuments}
 * for one process, in unit tests.
 *
 * @param <T> the document type
 */
public interface Documents<T> {

	/** Stores {@code document} at {@code id}, whatever was there. */
	void put(String id, T document);

	/** Stores {@code document} unless one with {@code id} exists; false when it did. */
	boolean create(String id, T document);

	/**
	 * Replaces the document at {@code id} if it is still the version read; false when
	 * someone wrote it in between.
	 */
	boolean replace(String id, Versioned<T> read, T document);

	/** The document at {@code id} with the version a {@link #replace} checks. */
	Optional<Versioned<T>> getVersioned(String id);

	default Optional<T> get(String id) {
		return getVersioned(id).map(Versioned::document);
	}

	/** Deletes the document at {@code id}; false when there was none. */
	boolean delete(String id);

	/**
	 * A document as read, with what identifies its version.
	 *
	 * @param <T> the document type
	 * @param document the document
	 * @param seqNo its sequence number
	 * @param primaryTerm its primary term
	 */
	public record Versioned<T>(T document, long seqNo, long primaryTerm) {
	}

}
