package dev.dafu.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import co.elastic.clients.elasticsearch._types.SortOptions;

/**
 * Records of one kind kept in an Elasticsearch index of their own, so crawler state
 * outlives any one crawler process and is shared by all of them. Writes are visible to
 * the next read.
 *
 * @param <T> the record type
 */
class ElasticsearchDocuments<T> {

	private final ElasticsearchClient client;

	private final String index;

	private final Class<T> type;

	private final Refresh refresh;

	ElasticsearchDocuments(ElasticsearchClient client, String index, Class<T> type, boolean searchableAtOnce) {
		this.client = client;
		this.index = index;
		this.type = type;
		this.refresh = searchableAtOnce ? Refresh.WaitFor : Refresh.False;
	}

	/**
	 * Creates the index from {@code schemas/elasticsearch/<index>.index.json} when it is
	 * missing.
	 */
	void createIndexIfMissing() throws IOException {
		if (this.client.indices().exists(e -> e.index(this.index)).value()) {
			return;
		}
		String resource = "/schemas/elasticsearch/" + this.index + ".index.json";
		try (InputStream definition = ElasticsearchDocuments.class.getResourceAsStream(resource)) {
			if (definition == null) {
				throw new IOException(resource + " is missing from the classpath");
			}
			this.client.indices().create(c -> c.index(this.index).withJson(definition));
		}
		catch (ElasticsearchException ex) {
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
	}

	void put(String id, T document) {
		try {
			this.client.index(i -> i.index(this.index).id(id).document(document).refresh(this.refresh));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stores {@code document} unless one with {@code id} exists; false when it did. */
	boolean create(String id, T document) {
		try {
			this.client.create(c -> c.index(this.index).id(id).document(document).refresh(this.refresh));
			return true;
		}
		catch (ElasticsearchException ex) {
			if (ex.status() == 409) {
				return false;
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Optional<T> get(String id) {
		try {
			var response = this.client.get(g -> g.index(this.index).id(id), this.type);
			return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean delete(String id) {
		try {
			return this.client.delete(d -> d.index(this.index).id(id).refresh(this.refresh))
				.result()
				.jsonValue()
				.equals("deleted");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<T> search(Query query, Function<SortOptions.Builder, ObjectBuilder<SortOptions>> sort, int size) {
		try {
			return this.client.search(s -> s.index(this.index).query(query).sort(sort).size(size), this.type)
				.hits()
				.hits()
				.stream()
				.map(Hit::source)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
