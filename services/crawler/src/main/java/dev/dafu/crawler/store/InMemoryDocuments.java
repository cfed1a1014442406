package dev.dafu.crawler.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Documents} in one process's memory, for unit tests: the same versions and
 * conditional writes as in Elasticsearch, and every document at once for the queries of
 * the repositories built on it.
 *
 * @param <T> the document type
 */
public class InMemoryDocuments<T> implements Documents<T> {

	private final Map<String, Versioned<T>> documents = new HashMap<>();

	private long seqNo;

	@Override
	public synchronized void put(String id, T document) {
		this.documents.put(id, new Versioned<>(document, ++this.seqNo, 1));
	}

	@Override
	public synchronized boolean create(String id, T document) {
		if (this.documents.containsKey(id)) {
			return false;
		}
		put(id, document);
		return true;
	}

	@Override
	public synchronized boolean replace(String id, Versioned<T> read, T document) {
		Versioned<T> current = this.documents.get(id);
		if (current == null || current.seqNo() != read.seqNo()) {
			return false;
		}
		put(id, document);
		return true;
	}

	@Override
	public synchronized Optional<Versioned<T>> getVersioned(String id) {
		return Optional.ofNullable(this.documents.get(id));
	}

	@Override
	public synchronized boolean delete(String id) {
		return this.documents.remove(id) != null;
	}

	/** Every document, in no particular order. */
	public synchronized List<T> all() {
		List<T> all = new ArrayList<>();
		this.documents.values().forEach(versioned -> all.add(versioned.document()));
		return all;
	}

}
