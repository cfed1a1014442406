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
 * <p>
 * Every write records the change it made and the input record that made it
 * ({@code change}: kind and source, a record's topic, partition and offset). A process
 * that dies after the write and before its event was sent leaves that record uncommitted;
 * when the same record comes again it finds its own change in the index and the change is
 * returned again, to be announced with the same event id. Another record with the same
 * content changes nothing and announces nothing.
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
	 * Indexes {@code enriched}; empty when the index already held exactly this content,
	 * unless {@code source} wrote it (a redelivery: the change may not have been
	 * announced). The URLs it came under serve it, so they are no longer counted gone.
	 * @param source the input record it came in, see {@link ReplyIndexer}; null when none
	 */
	public Optional<ReplyChange> index(EnrichedReply enriched, String source) throws IOException {
		Reply incoming = enriched.reply();
		GetResponse<IndexedState> existing = this.client.get(g -> g.index(this.index.name())
			.id(incoming.id())
			.sourceIncludes("urls", "goneUrls", "contentHash", "change"), IndexedState.class);
		IndexedState before = existing.found() ? existing.source() : null;
		List<String> stillGone = new ArrayList<>(
				before == null || before.goneUrls() == null ? List.of() : before.goneUrls());
		stillGone.removeAll(incoming.urls());
		Reply reply = incoming.withUrls(mergedUrls(before, incoming)).withGone(stillGone, null);

		TreeMap<String, Object> document = document(reply, enriched.words());
		String contentHash = Sha256.hex(this.json.writeValueAsString(document));
		if (before != null && contentHash.equals(before.contentHash())) {
			return before.change() != null && before.change().madeBy(source)
					? Optional.of(new ReplyChange(reply, before.change().kind(), contentHash)) : Optional.empty();
		}
		ReplyChange change = new ReplyChange(reply,
				before == null ? ReplyChange.Kind.CREATED : ReplyChange.Kind.UPDATED, contentHash);
		stamp(document, change, source);
		this.client.index(i -> i.index(this.index.name()).id(reply.id()).document(document));
		return Optional.of(change);
	}

	/**
	 * Marks {@code page}'s URL gone on the replies published under it; a reply whose
	 * every URL is gone is withdrawn. Empty when no reply has the URL, or it was marked
	 * already by another record than {@code source}.
	 * @param source the input record it came in, see {@link ReplyIndexer}; null when none
	 */
	public List<ReplyChange> markGone(PageGone page, String source) throws IOException {
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
					IndexedState state = this.json.convertValue(hit.source(), IndexedState.class);
					if (state.change() != null && state.change().madeBy(source)) {
						changes.add(new ReplyChange(reply, state.change().kind(), state.contentHash()));
					}
					continue;
				}
				List<String> gone = new ArrayList<>(reply.goneUrls());
				gone.add(page.url());
				Reply marked = reply.withGone(gone, page.goneAt());
				TreeMap<String, Object> document = document(marked, hit.source().get("words"));
				ReplyChange change = new ReplyChange(marked,
						marked.withdrawnAt() != null ? ReplyChange.Kind.WITHDRAWN : ReplyChange.Kind.UPDATED,
						Sha256.hex(this.json.writeValueAsString(document)));
				stamp(document, change, source);
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
				changes.add(change);
			}
			if (!conflict) {
				return changes;
			}
		}
		throw new IOException("replies under " + page.url() + " kept changing while being marked gone");
	}

	/** Adds what a write needs besides the content: its hash, time and change. */
	private static void stamp(TreeMap<String, Object> document, ReplyChange change, String source) {
		document.put("contentHash", change.contentHash());
		document.put("indexedAt", Instant.now().toString());
		TreeMap<String, Object> made = new TreeMap<>();
		made.put("kind", change.kind().name());
		made.put("source", source);
		document.put("change", made);
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
	record IndexedState(List<String> urls, List<String> goneUrls, String contentHash, StoredChange change) {
	}

	/** The last change written to a document, and the input record that wrote it. */
	record StoredChange(ReplyChange.Kind kind, String source) {

		boolean madeBy(String record) {
			return record != null && record.equals(this.source);
		}

	}

}
