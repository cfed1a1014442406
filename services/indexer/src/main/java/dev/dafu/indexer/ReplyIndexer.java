package dev.dafu.indexer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Sha256;

/**
 * Writes replies into the reply index so that a redelivered or republished reply changes
 * nothing: the document id is the reply id, URLs are merged with those already indexed,
 * and a write happens only when the content hash differs.
 */
public class ReplyIndexer {

	private static final TypeReference<TreeMap<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final ObjectMapper json;

	public ReplyIndexer(ElasticsearchClient client, ReplyIndex index) {
		this.client = client;
		this.index = index;
		// The client's own mapper, so the hash and the stored document use one
		// serialisation.
		this.json = ((JacksonJsonpMapper) client._jsonpMapper()).objectMapper()
			.copy()
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
	}

	/**
	 * Indexes {@code enriched}; empty when the index already held exactly this content.
	 */
	public Optional<ReplyChange> index(EnrichedReply enriched) throws IOException {
		Reply incoming = enriched.reply();
		GetResponse<IndexedState> existing = this.client.get(
				g -> g.index(this.index.name()).id(incoming.id()).sourceIncludes("urls", "contentHash"),
				IndexedState.class);
		IndexedState before = existing.found() ? existing.source() : null;
		Reply reply = incoming.withUrls(mergedUrls(before, incoming));

		TreeMap<String, Object> document = this.json.convertValue(reply, DOCUMENT);
		document.put("words", this.json.convertValue(enriched.words(), DOCUMENT));
		String contentHash = Sha256.hex(this.json.writeValueAsString(document));
		if (before != null && contentHash.equals(before.contentHash())) {
			return Optional.empty();
		}
		document.put("contentHash", contentHash);
		document.put("indexedAt", Instant.now().toString());
		this.client.index(i -> i.index(this.index.name()).id(reply.id()).document(document));
		return Optional.of(new ReplyChange(reply, before == null, contentHash));
	}

	private static List<String> mergedUrls(IndexedState before, Reply incoming) {
		LinkedHashSet<String> urls = new LinkedHashSet<>();
		if (before != null && before.urls() != null) {
			urls.addAll(before.urls());
		}
		urls.addAll(incoming.urls());
		return new ArrayList<>(urls);
	}

	/** The part of an indexed document that decides whether a write is needed. */
	record IndexedState(List<String> urls, String contentHash) {
	}

}
