package dev.dafu.indexer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Sha256;

/**
 * Writes replies into the reply index so that a redelivered or republished reply changes
 * nothing: the document id is the reply id, URLs are merged with those already indexed,
 * and a write happens only when the content hash differs. Marks the URLs the crawler
 * found gone, and withdraws a reply gone from all of them.
 */
public class ReplyIndexer {

	private static final TypeReference<TreeMap<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	/** How often marking a page gone is tried when its reply changes meanwhile. */
	private static final int MAX_ATTEMPTS = 5;

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
	 * The URLs it came under serve it, so they are no longer counted gone.
	 */
	public Optional<ReplyChange> index(EnrichedReply enriched) throws IOException {
		Reply incoming = enriched.reply();
		GetResponse<IndexedState> existing = this.client.get(
				g -> g.index(this.index.name()).id(incoming.id()).sourceIncludes("urls", "goneUrls", "contentHash"),
				IndexedState.class);
		IndexedState before = existing.found() ? existing.source() : null;
		List<String> stillGone = new ArrayList<>(
				before == null || before.goneUrls() == null ? List.of() : before.goneUrls());
		stillGone.removeAll(incoming.urls());
		Reply reply = incoming.withUrls(mergedUrls(before, incoming)).withGone(stillGone, null);

		TreeMap<String, Object> document = document(reply, enriched.words());
		String contentHash = Sha256.hex(this.json.writeValueAsString(document));
		if (before != null && contentHash.equals(before.contentHash())) {
			return Optional.empty();
		}
		document.put("contentHash", contentHash);
		document.put("indexedAt", Instant.now().toString());
		this.client.index(i -> i.index(this.index.name()).id(reply.id()).document(document));
		return Optional.of(new ReplyChange(reply, before == null ? ReplyChange.Kind.CREATED : ReplyChange.Kind.UPDATED,
				contentHash));
	}

	/**
	 * Marks {@code page}'s URL gone on the replies published under it; a reply whose
	 * every URL is gone is withdrawn. Empty when no reply has the URL, or it was marked
	 * already.
	 */
	public List<ReplyChange> markGone(PageGone page) throws IOException {
		this.client.indices().refresh(r -> r.index(this.index.name()));
		List<ReplyChange> changes = new ArrayList<>();
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			List<Hit<TreeMap<String, Object>>> hits = this.client
				.<TreeMap<String, Object>>search(s -> s.index(this.index.name())
					.query(q -> q.term(t -> t.field("urls").value(page.url())))
					.seqNoPrimaryTerm(true)
					.size(100), DOCUMENT.getType())
				.hits()
				.hits();
			boolean conflict = false;
			for (Hit<TreeMap<String, Object>> hit : hits) {
				Reply reply = this.json.convertValue(hit.source(), Reply.class);
				if (reply.goneUrls().contains(page.url())) {
					continue;
				}
				List<String> gone = new ArrayList<>(reply.goneUrls());
				gone.add(page.url());
				Reply marked = reply.withGone(gone, page.goneAt());
				TreeMap<String, Object> document = document(marked, hit.source().get("words"));
				String contentHash = Sha256.hex(this.json.writeValueAsString(document));
				document.put("contentHash", contentHash);
				document.put("indexedAt", Instant.now().toString());
				try {
					this.client.index(i -> i.index(this.index.name())
						.id(marked.id())
						.document(document)
						.ifSeqNo(hit.seqNo())
						.ifPrimaryTerm(hit.primaryTerm()));
				}
				catch (ElasticsearchException ex) {
					if (ex.status() != 409) {
						throw ex;
					}
					conflict = true;
					continue;
				}
				changes.add(new ReplyChange(marked,
						marked.withdrawnAt() != null ? ReplyChange.Kind.WITHDRAWN : ReplyChange.Kind.UPDATED,
						contentHash));
			}
			if (!conflict) {
				return changes;
			}
		}
		throw new IOException("replies under " + page.url() + " kept changing while being marked gone");
	}

	/** The stored form of a reply: the public document and its segmented words. */
	private TreeMap<String, Object> document(Reply reply, Object words) {
		TreeMap<String, Object> document = this.json.convertValue(reply, DOCUMENT);
		document.put("words", this.json.convertValue(words, DOCUMENT));
		return document;
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
	record IndexedState(List<String> urls, List<String> goneUrls, String contentHash) {
	}

}
