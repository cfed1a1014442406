package dev.dafu.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The index that holds reply documents. Its mapping is the checked-in template
 * {@code schemas/elasticsearch/replies.index-template.json}.
 */
public class ReplyIndex {

	/** Where the template sits on the classpath. */
	public static final String TEMPLATE_RESOURCE = "/schemas/elasticsearch/replies.index-template.json";

	private static final String TEMPLATE_NAME = "dafu-replies";

	private static final int REWRITE_BATCH = 500;

	private final ElasticsearchClient client;

	private final String name;

	public ReplyIndex(ElasticsearchClient client, String name) {
		this.client = client;
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Installs the template, then creates the index or, when it exists, adds what the
	 * template added since (schemas only grow; an incompatible change fails here,
	 * loudly). Documents indexed before a field was added are then written again,
	 * unchanged, so the new field is filled. Safe to call from many instances.
	 */
	public void createOrUpdate() throws IOException {
		try (InputStream template = templateJson()) {
			this.client.indices().putIndexTemplate(t -> t.name(TEMPLATE_NAME).withJson(template));
		}
		if (!this.client.indices().exists(e -> e.index(this.name)).value()) {
			try {
				this.client.indices().create(c -> c.index(this.name));
				return;
			}
			catch (ElasticsearchException ex) {
				if (!"resource_already_exists_exception".equals(ex.error().type())) {
					throw ex;
				}
			}
		}
		String before = liveMapping();
		String mappings = templateMappings();
		this.client.indices().putMapping(p -> p.index(this.name).withJson(new StringReader(mappings)));
		if (!before.equals(liveMapping())) {
			rewriteAllDocuments();
		}
	}

	/**
	 * Writes every document again as it is. Elasticsearch's own {@code _update_by_query}
	 * would do, but the minimal distribution used locally has no reindex module. A
	 * document changed meanwhile (a version conflict) already has the new fields and is
	 * skipped.
	 */
	private void rewriteAllDocuments() throws IOException {
		// Make the documents written before the mapping changed visible to the search
		// below.
		this.client.indices().refresh(r -> r.index(this.name));
		List<FieldValue> after = List.of();
		while (true) {
			List<FieldValue> from = after;
			SearchResponse<JsonData> page = this.client.search(s -> {
				s.index(this.name).size(REWRITE_BATCH).seqNoPrimaryTerm(true).sort(o -> o.field(f -> f.field("id")));
				return from.isEmpty() ? s : s.searchAfter(from);
			}, JsonData.class);
			List<Hit<JsonData>> hits = page.hits().hits();
			if (hits.isEmpty()) {
				return;
			}
			BulkResponse written = this.client.bulk(b -> {
				for (Hit<JsonData> hit : hits) {
					b.operations(op -> op.index(i -> i.index(this.name)
						.id(hit.id())
						.ifSeqNo(hit.seqNo())
						.ifPrimaryTerm(hit.primaryTerm())
						.document(hit.source())));
				}
				return b;
			});
			for (BulkResponseItem item : written.items()) {
				if (item.error() != null && item.status() != 409) {
					throw new IOException(
							"rewriting " + item.id() + " in " + this.name + " failed: " + item.error().reason());
				}
			}
			after = hits.get(hits.size() - 1).sort();
		}
	}

	private String liveMapping() throws IOException {
		return this.client.indices().getMapping(m -> m.index(this.name)).get(this.name).mappings().toString();
	}

	private static String templateMappings() throws IOException {
		try (InputStream template = templateJson()) {
			return new ObjectMapper().readTree(template).at("/template/mappings").toString();
		}
	}

	public static InputStream templateJson() {
		InputStream template = ReplyIndex.class.getResourceAsStream(TEMPLATE_RESOURCE);
		if (template == null) {
			throw new UncheckedIOException(new IOException(TEMPLATE_RESOURCE + " is missing from the classpath"));
		}
		return template;
	}

}
