package dev.dafu.crawler.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import org.elasticsearch.client.ResponseException;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.run.CrawlRecords;
import dev.dafu.crawler.run.Frontier;
import dev.dafu.crawler.run.HostLeases;
import dev.dafu.crawler.site.Sites;

/**
 * Records of one kind kept in an Elasticsearch index of their own, so crawler state
 * outlives any one crawler process and is shared by all of them. Writes are visible to
 * the next read. The repositories of crawler state ({@link Sites}, {@link CrawlRecords},
 * {@link Frontier}, {@link PageHistory}, {@link HostLeases}) are built on it; their
 * queries live in their Elasticsearch versions, none in the code that uses them.
 *
 * @param <T> the record type
 */
public class ElasticsearchDocuments<T> implements Documents<T> {

	/** The longest id Elasticsearch takes, in UTF-8 bytes. */
	private static final int MAX_ID_BYTES = 512;

	private final ElasticsearchClient client;

	private final String index;

	private final Class<T> type;

	private final Refresh refresh;

	/** Documents read a request by {@link #searchAll}. */
	private static final int PAGE = 1000;

	public ElasticsearchDocuments(ElasticsearchClient client, String index, Class<T> type, boolean searchableAtOnce) {
		this.client = client;
		this.index = index;
		this.type = type;
		this.refresh = searchableAtOnce ? Refresh.WaitFor : Refresh.False;
	}

	/**
	 * Creates the index from {@code schemas/elasticsearch/<index>.index.json} when it is
	 * missing.
	 */
	public void createIndexIfMissing() throws IOException {
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

	@Override
	public void put(String id, T document) {
		try {
			this.client.index(i -> i.index(this.index).id(id).document(document).refresh(this.refresh));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean create(String id, T document) {
		try {
			this.client.create(c -> c.index(this.index).id(id).document(document).refresh(this.refresh));
			return true;
		}
		catch (ElasticsearchException | IOException ex) {
			return notIfConflict(ex);
		}
	}

	/**
	 * Stores each document unless one with its id exists, in one request.
	 * @throws IllegalStateException when any failed for another reason
	 */
	public void createAll(Map<String, T> documents) {
		if (documents.isEmpty()) {
			return;
		}
		List<BulkOperation> operations = new ArrayList<>();
		documents.forEach((id, document) -> operations
			.add(BulkOperation.of(b -> b.create(c -> c.index(this.index).id(id).document(document)))));
		try {
			BulkResponse response = this.client.bulk(b -> b.operations(operations).refresh(this.refresh));
			for (BulkResponseItem item : response.items()) {
				if (item.error() != null && item.status() != 409) {
					throw new IllegalStateException(
							this.index + ": could not store " + item.id() + ": " + item.error().reason());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean replace(String id, Versioned<T> read, T document) {
		try {
			this.client.index(i -> i.index(this.index)
				.id(id)
				.document(document)
				.ifSeqNo(read.seqNo())
				.ifPrimaryTerm(read.primaryTerm())
				.refresh(this.refresh));
			return true;
		}
		catch (ElasticsearchException | IOException ex) {
			return notIfConflict(ex);
		}
	}

	/**
	 * False when {@code ex} says the write lost to another (409, which the client reports
	 * either way); otherwise rethrows it.
	 */
	private static boolean notIfConflict(Exception ex) {
		if (ex instanceof ElasticsearchException refused && refused.status() == 409
				|| ex instanceof ResponseException response
						&& response.getResponse().getStatusLine().getStatusCode() == 409) {
			return false;
		}
		if (ex instanceof IOException io) {
			throw new UncheckedIOException(io);
		}
		throw (RuntimeException) ex;
	}

	@Override
	public Optional<Versioned<T>> getVersioned(String id) {
		if (!isPossibleId(id)) {
			return Optional.empty();
		}
		try {
			var response = this.client.get(g -> g.index(this.index).id(id), this.type);
			return response.found() && response.source() != null
					? Optional.of(new Versioned<>(response.source(), response.seqNo(), response.primaryTerm()))
					: Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean delete(String id) {
		if (!isPossibleId(id)) {
			return false;
		}
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

	/**
	 * Whether a document can have {@code id}: Elasticsearch takes ids of up to 512 bytes,
	 * and a much longer one (from a URL an API caller wrote) would not even fit its
	 * request line.
	 */
	private static boolean isPossibleId(String id) {
		return id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
	}

	/**
	 * Every document {@code query} matches, in the order of {@code field} (unique per
	 * document), after a refresh so that all writes so far are seen.
	 */
	public List<T> searchAll(Query query, String field) {
		try {
			this.client.indices().refresh(r -> r.index(this.index));
			List<T> all = new ArrayList<>();
			List<FieldValue> after = null;
			while (true) {
				List<FieldValue> from = after;
				List<Hit<T>> hits = this.client.search(s -> {
					s.index(this.index).query(query).sort(o -> o.field(f -> f.field(field))).size(PAGE);
					return from == null ? s : s.searchAfter(from);
				}, this.type).hits().hits();
				hits.forEach(hit -> all.add(hit.source()));
				if (hits.size() < PAGE) {
					return all;
				}
				after = hits.get(hits.size() - 1).sort();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes the documents at {@code ids}, in one request; ids not there are fine. */
	public void deleteAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return;
		}
		List<BulkOperation> operations = new ArrayList<>();
		ids.forEach(id -> operations.add(BulkOperation.of(b -> b.delete(d -> d.index(this.index).id(id)))));
		try {
			this.client.bulk(b -> b.operations(operations).refresh(this.refresh));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<T> search(Query query, Function<SortOptions.Builder, ObjectBuilder<SortOptions>> sort, int size) {
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
