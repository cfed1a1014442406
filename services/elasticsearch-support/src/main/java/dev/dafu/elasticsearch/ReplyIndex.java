package dev.dafu.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reply documents: an alias (the configured name, {@code replies}) that every reader
 * and writer addresses, over a versioned index ({@code replies-1}, {@code replies-2} …)
 * that a rebuild replaces. Its mapping is the checked-in template
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

	/** The name readers and writers use: the alias. */
	public String name() {
		return this.name;
	}

	/**
	 * Installs the template, then creates the first index behind the alias or, when it
	 * exists, adds what the template added since (schemas only grow; an incompatible
	 * change fails here, loudly). Documents indexed before a field was added are then
	 * written again, unchanged, so the new field is filled. An index made before there
	 * was an alias (a concrete index under the alias's name) is first moved behind one.
	 * Safe to call from many instances.
	 */
	public void createOrUpdate() throws IOException {
		try (InputStream template = templateJson()) {
			this.client.indices().putIndexTemplate(t -> t.name(TEMPLATE_NAME).withJson(template));
		}
		String current = currentIndex();
		if (current == null) {
			createIndex(versionedName(1), true);
			return;
		}
		if (current.equals(this.name)) {
			moveBehindAlias();
			current = currentIndex();
		}
		String live = current;
		String before = liveMapping(live);
		String mappings = templateMappings();
		this.client.indices().putMapping(p -> p.index(live).withJson(new StringReader(mappings)));
		if (!before.equals(liveMapping(live))) {
			rewriteAllDocuments();
		}
	}

	/**
	 * The index behind the alias; the name itself when it is a concrete index made before
	 * there was an alias; null when neither exists.
	 */
	public String currentIndex() throws IOException {
		if (this.client.indices().existsAlias(a -> a.name(this.name)).value()) {
			Set<String> indices = this.client.indices().getAlias(a -> a.name(this.name)).result().keySet();
			if (indices.size() != 1) {
				throw new IOException("the alias " + this.name + " points at " + indices + ", not at one index");
			}
			return indices.iterator().next();
		}
		return this.client.indices().exists(e -> e.index(this.name)).value() ? this.name : null;
	}

	/** The indices made for this alias ({@code NAME-N}), oldest first. */
	public List<String> versions() throws IOException {
		return this.client.indices()
			.get(g -> g.index(this.name + "-*").allowNoIndices(true))
			.result()
			.keySet()
			.stream()
			.filter(index -> version(index) > 0)
			.sorted(Comparator.comparingInt(this::version))
			.toList();
	}

	/** A name for the next index of this alias, after every existing one. */
	public String nextVersion() throws IOException {
		List<String> versions = versions();
		return versionedName(versions.isEmpty() ? 1 : version(versions.get(versions.size() - 1)) + 1);
	}

	/**
	 * Creates {@code index} with the template's mapping, behind the alias when
	 * {@code aliased}; one that exists already (another instance made it) is left as it
	 * is.
	 */
	public void createIndex(String index, boolean aliased) throws IOException {
		try {
			this.client.indices().create(c -> {
				c.index(index);
				return aliased ? c.aliases(this.name, a -> a) : c;
			});
		}
		catch (ElasticsearchException ex) {
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
	}

	/**
	 * Points the alias at {@code index} instead of {@code from}, in one step: a reader or
	 * writer sees one or the other, never neither.
	 */
	public void switchTo(String from, String index) throws IOException {
		this.client.indices()
			.updateAliases(u -> u.actions(a -> a.remove(r -> r.index(from).alias(this.name)))
				.actions(a -> a.add(x -> x.index(index).alias(this.name))));
	}

	/**
	 * Moves a concrete index made before there was an alias behind one: it is copied
	 * whole (Elasticsearch's clone: its files are linked, not indexed again, after writes
	 * to it are blocked for a moment), and in one step the alias comes to the copy and
	 * the old index goes. Writers meanwhile are refused with a block, which they wait
	 * out.
	 */
	private void moveBehindAlias() throws IOException {
		String target = versionedName(1);
		this.client.indices().putSettings(p -> p.index(this.name).settings(x -> x.blocks(b -> b.write(true))));
		try {
			this.client.indices()
				.clone(c -> c.index(this.name)
					.target(target)
					.settings("index.blocks.write", JsonData.of(false))
					.waitForActiveShards(w -> w.count(1)));
		}
		catch (ElasticsearchException ex) {
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
		this.client.cluster().health(h -> h.index(target).waitForStatus(HealthStatus.Yellow));
		try {
			this.client.indices()
				.updateAliases(u -> u.actions(a -> a.add(x -> x.index(target).alias(this.name)))
					.actions(a -> a.removeIndex(r -> r.index(this.name))));
		}
		catch (ElasticsearchException ex) {
			// Another instance moved it meanwhile.
			if (!this.client.indices().existsAlias(a -> a.name(this.name)).value()) {
				throw ex;
			}
		}
	}

	private String versionedName(int version) {
		return this.name + "-" + version;
	}

	/** N of an index named {@code NAME-N}; 0 for any other name. */
	private int version(String index) {
		String suffix = index.substring(Math.min(index.length(), this.name.length() + 1));
		return index.startsWith(this.name + "-") && suffix.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(suffix) : 0;
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

	private String liveMapping(String index) throws IOException {
		return this.client.indices().getMapping(m -> m.index(index)).get(index).mappings().toString();
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
