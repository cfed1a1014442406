package dev.dafu.indexer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.dafu.elasticsearch.ElasticsearchUnavailableException;
import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Enrichment;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.reply.SegmentedText;

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

	/**
	 * How often a write is tried when its reply changes meanwhile, or Elasticsearch is
	 * overloaded.
	 */
	private static final int MAX_ATTEMPTS = 5;

	/** How much of Elasticsearch's reason a refusal quotes, and of its cause. */
	private static final int REASON_LENGTH = 300;

	private static final String ITEMS_FAILED = "dafu.indexer.items.failed";

	private static final List<String> FAILURE_REASONS = List.of("conflict", "overloaded", "unavailable", "refused");

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final StoredReplies stored = new StoredReplies();

	private final NearDuplicates nearDuplicates;

	/** Held by the round being indexed: one at a time, see {@link #index}. */
	private final Object rounds = new Object();

	private final MeterRegistry meters;

	private final Timer bulkTimer;

	/**
	 * @param meters where it counts its bulk requests ({@code dafu.indexer.bulk}, a
	 * timer), the items Elasticsearch did not take ({@code dafu.indexer.items.failed} by
	 * {@code reason}: conflict, overloaded, unavailable, refused) and the changes it made
	 * or found its record made before ({@code dafu.indexer.changes} by {@code kind}: what
	 * it announces)
	 */
	public ReplyIndexer(ElasticsearchClient client, ReplyIndex index, MeterRegistry meters) {
		this.client = client;
		this.index = index;
		this.nearDuplicates = new NearDuplicates(client, index);
		this.meters = meters;
		this.bulkTimer = Timer.builder("dafu.indexer.bulk")
			.description("Bulk requests to the reply index")
			.publishPercentileHistogram()
			.register(meters);
		// From zero, so that dashboards and alerts see a first failure as a change.
		FAILURE_REASONS.forEach(reason -> meters.counter(ITEMS_FAILED, "reason", reason));
	}

	/**
	 * Indexes a batch of replies, as they came: one multi-get reads what the index holds
	 * of them and one bulk request writes what changed, each write conditional on the
	 * version read (a reply created or changed meanwhile is read and merged again). A
	 * reply whose content the index already holds is not written and announces nothing,
	 * unless its record wrote it (a redelivery: the change may not have been announced).
	 * The URLs a reply came under serve it, so they are no longer counted gone. A batch
	 * that names one reply twice is indexed in order, in as many rounds. Rounds run one
	 * at a time, whichever consumer calls: each links its near-duplicates to every reply
	 * written before it ({@link NearDuplicates} remembers those a search may not see
	 * yet), so of an original and its copy in two batches at once, one is the other's
	 * copy.
	 * @return the changes to announce, in the order of their records, and the first
	 * record Elasticsearch refused (the records after it are indexed all the same)
	 * @throws ElasticsearchUnavailableException when Elasticsearch keeps answering 429 or
	 * 5xx for some of them
	 */
	public Outcome index(List<Incoming> batch) throws IOException {
		List<ReplyChange> changes = new ArrayList<>();
		int start = 0;
		while (start < batch.size()) {
			int end = start;
			Set<String> ids = new HashSet<>();
			while (end < batch.size() && ids.add(batch.get(end).id())) {
				end++;
			}
			Refusal refused;
			synchronized (this.rounds) {
				refused = indexRound(batch, start, end, changes);
			}
			if (refused != null) {
				return new Outcome(changes, refused);
			}
			start = end;
		}
		return new Outcome(changes, null);
	}

	/**
	 * Indexes {@code batch[start, end)}, which names each reply once, and has
	 * {@link NearDuplicates} remember the replies it wrote.
	 */
	private Refusal indexRound(List<Incoming> batch, int start, int end, List<ReplyChange> changes) throws IOException {
		TreeMap<Integer, ReplyChange> done = new TreeMap<>();
		Refusal refused = null;
		List<Integer> pending = new ArrayList<>();
		for (int i = start; i < end; i++) {
			pending.add(i);
		}
		Map<String, NearDuplicates.Known> planned = new LinkedHashMap<>();
		String stillFailing = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
			Map<String, Stored> stored = read(pending.stream().map(i -> batch.get(i).id()).toList(), false);
			List<NearDuplicates.Known> known = new ArrayList<>(this.nearDuplicates
				.candidates(pending.stream().map(i -> batch.get(i).probe()).filter(Objects::nonNull).toList()));
			int fromIndex = known.size();
			List<Write> writes = new ArrayList<>();
			List<Integer> older = new ArrayList<>();
			for (int i : pending) {
				Write write = plan(i, batch.get(i), stored.get(batch.get(i).id()), known);
				if (write == null) {
					older.add(i);
				}
				else {
					take(write, writes, done);
				}
			}
			if (!older.isEmpty()) {
				Map<String, Stored> whole = read(older.stream().map(i -> batch.get(i).id()).toList(), true);
				for (int i : older) {
					take(plan(i, batch.get(i), whole.get(batch.get(i).id()), known), writes, done);
				}
			}
			for (NearDuplicates.Known each : known.subList(fromIndex, known.size())) {
				planned.put(each.id(), each);
			}
			pending = new ArrayList<>();
			if (writes.isEmpty()) {
				break;
			}
			BulkResponse response = write(writes);
			for (int k = 0; k < writes.size(); k++) {
				Write write = writes.get(k);
				BulkResponseItem item = response.items().get(k);
				if (item.error() == null) {
					if (write.change() != null) {
						done.put(write.index(), write.change());
					}
					if (planned.containsKey(write.id())) {
						this.nearDuplicates.wrote(planned.get(write.id()));
					}
					continue;
				}
				countFailed(item);
				if (isTransient(item)) {
					// Changed meanwhile: read and merge again. Overloaded or blocked: try
					// again.
					pending.add(write.index());
					stillFailing = item.status() + " " + item.error().type() + ": " + item.error().reason();
				}
				else if (refused == null || write.index() < refused.index()) {
					refused = new Refusal(write.index(), "Elasticsearch refused the reply: " + reason(item.error()));
				}
			}
		}
		if (!pending.isEmpty()) {
			throw new ElasticsearchUnavailableException(
					pending.size() + " replies could not be written after " + MAX_ATTEMPTS + " tries: " + stillFailing);
		}
		done.values().forEach(this::countChange);
		changes.addAll(done.values());
		return refused;
	}

	/**
	 * Sends {@code writes} in one bulk request, each conditional on the version it was
	 * planned on ({@code create} when there was none), and times it.
	 */
	private BulkResponse write(List<Write> writes) throws IOException {
		Timer.Sample bulk = Timer.start(this.meters);
		BulkResponse response = this.client.bulk(b -> {
			for (Write write : writes) {
				if (write.seqNo() == null) {
					b.operations(
							op -> op.create(c -> c.index(this.index.name()).id(write.id()).document(write.document())));
				}
				else {
					b.operations(op -> op.index(x -> x.index(this.index.name())
						.id(write.id())
						.document(write.document())
						.ifSeqNo(write.seqNo())
						.ifPrimaryTerm(write.primaryTerm())));
				}
			}
			return b;
		});
		bulk.stop(this.bulkTimer);
		return response;
	}

	/** A planned write to send, or a change to announce without one. */
	private static void take(Write write, List<Write> writes, Map<Integer, ReplyChange> done) {
		if (write.document() != null) {
			writes.add(write);
		}
		else if (write.change() != null) {
			done.put(write.index(), write.change());
		}
	}

	/**
	 * Whether a bulk item failed for a while only: the reply changed meanwhile (409),
	 * Elasticsearch is overloaded (429) or failing (5xx), or the index is blocked for
	 * writes (while it moves behind the alias).
	 */
	private static boolean isTransient(BulkResponseItem item) {
		return item.status() == 409 || item.status() == 429 || item.status() >= 500
				|| "cluster_block_exception".equals(item.error().type());
	}

	private void countFailed(BulkResponseItem item) {
		int status = item.status();
		String reason = status == 409 ? "conflict"
				: status == 429 ? "overloaded" : isTransient(item) ? "unavailable" : "refused";
		this.meters.counter(ITEMS_FAILED, "reason", reason).increment();
	}

	private void countChange(ReplyChange change) {
		this.meters.counter("dafu.indexer.changes", "kind", change.kind().name().toLowerCase(Locale.ROOT)).increment();
	}

	/**
	 * What the index holds of {@code ids}, with the version each was read at: the part
	 * that decides whether to write, or the whole document when {@code whole}.
	 */
	private Map<String, Stored> read(List<String> ids, boolean whole) throws IOException {
		MgetResponse<TreeMap<String, Object>> response = this.client.mget(m -> {
			m.index(this.index.name()).ids(ids);
			return whole ? m : m.sourceIncludes(IndexedState.FIELDS);
		}, DOCUMENT.getType());
		Map<String, Stored> stored = new HashMap<>();
		for (MultiGetResponseItem<TreeMap<String, Object>> item : response.docs()) {
			if (item.isFailure()) {
				throw new IOException("reading " + item.failure().id() + " failed: " + item.failure().error().reason());
			}
			GetResult<TreeMap<String, Object>> result = item.result();
			if (result.found()) {
				stored.put(result.id(), new Stored(this.stored.read(result.source(), IndexedState.class),
						whole ? result.source() : null, result.seqNo(), result.primaryTerm()));
			}
		}
		return stored;
	}

	/**
	 * What {@code incoming} changes of what the index holds: a document to write and its
	 * change (a document alone when only the fetch time advanced), no document and the
	 * change to announce again, or neither; null when {@code incoming} is older than the
	 * indexed reply and {@code stored} lacks the whole document, which it then needs.
	 * <p>
	 * The content follows the newest record ({@link SourceVersion}): an older one (a
	 * redelivery, or a dead letter replayed after a newer version landed) adds the URLs
	 * it came under and nothing else, and does not clear their gone marks. A newer one is
	 * linked to the reply it is a near-duplicate of among {@code known}
	 * ({@link NearDuplicates}), and is known to the records after it.
	 */
	private Write plan(int index, Incoming incoming, Stored stored, List<NearDuplicates.Known> known)
			throws IOException {
		Reply reply = incoming.enriched().reply();
		IndexedState before = stored == null ? null : stored.state();
		boolean older = before != null && SourceVersion.of(reply).isOlderThan(before.version());
		if (older && stored.whole() == null) {
			return null;
		}
		Reply kept = older ? this.stored.read(stored.whole(), Reply.class) : reply;
		if (!older) {
			NearDuplicates.Probe probe = incoming.probe();
			kept = kept.withNearDuplicateOf(NearDuplicates.originalOf(probe, reply.id(),
					before == null ? null : before.nearDuplicateOf(), known));
			if (probe != null) {
				known.add(new NearDuplicates.Known(reply.id(), probe.fingerprint(), probe.submissionKey(),
						kept.nearDuplicateOf()));
			}
		}
		SegmentedText words = older ? this.stored.read(stored.whole().get("words"), SegmentedText.class)
				: incoming.enriched().words();
		List<String> gone = new ArrayList<>(before == null ? List.of() : before.goneUrls());
		if (!older) {
			gone.removeAll(reply.urls());
		}
		Reply merged = kept.withUrls(mergedUrls(before, reply))
			.withGone(gone, before == null ? null : before.withdrawnAt());
		StoredReplies.Content content = this.stored.content(merged, words);
		String contentHash = content.hash();
		if (before != null && contentHash.equals(before.contentHash())) {
			if (before.change() != null && before.change().madeBy(incoming.source())) {
				return new Write(index, reply.id(), null,
						new ReplyChange(merged, before.change().kind(), contentHash, content.reply()), null, null);
			}
			boolean fetchedSince = !older && merged.fetchedAt() != null
					&& !merged.fetchedAt().equals(before.fetchedAt());
			return new Write(index, reply.id(), fetchedSince ? this.stored.document(content, before.change()) : null,
					null, stored.seqNo(), stored.primaryTerm());
		}
		ReplyChange change = new ReplyChange(merged,
				before == null ? ReplyChange.Kind.CREATED : ReplyChange.Kind.UPDATED, contentHash, content.reply());
		return new Write(index, reply.id(),
				this.stored.document(content, new StoredChange(change.kind(), incoming.source())), change,
				stored == null ? null : stored.seqNo(), stored == null ? null : stored.primaryTerm());
	}

	/**
	 * Marks {@code page}'s URL gone on the replies published under it; a reply whose
	 * every URL is gone is withdrawn. Empty when no reply has the URL, or it was marked
	 * already by another record than {@code source}.
	 * @param source the input record it came in, see {@link ReplyIndexer}; null when none
	 */
	public List<ReplyChange> markGone(PageGone page, String source) throws IOException {
		// Every reply with the URL is found by a search, which sees what the last refresh
		// made visible; each is then read and written by its current version.
		this.client.indices().refresh(r -> r.index(this.index.name()));
		List<String> ids = this.client
			.search(s -> s.index(this.index.name())
				.query(q -> q.term(t -> t.field("urls").value(page.url())))
				.source(src -> src.fetch(false))
				.size(100), Void.class)
			.hits()
			.hits()
			.stream()
			.map(Hit::id)
			.toList();
		Map<String, ReplyChange> changes = new LinkedHashMap<>();
		for (int attempt = 1; attempt <= MAX_ATTEMPTS && !ids.isEmpty(); attempt++) {
			Map<String, Stored> docs = read(ids, true);
			List<Write> writes = new ArrayList<>();
			for (Stored doc : docs.values()) {
				Reply reply = this.stored.read(doc.whole(), Reply.class);
				SegmentedText words = this.stored.read(doc.whole().get("words"), SegmentedText.class);
				if (reply.goneUrls().contains(page.url())) {
					IndexedState state = doc.state();
					if (state.change() != null && state.change().madeBy(source)) {
						StoredReplies.Content content = this.stored.content(reply, words);
						changes.putIfAbsent(reply.id(),
								new ReplyChange(reply, state.change().kind(), content.hash(), content.reply()));
					}
					continue;
				}
				List<String> gone = new ArrayList<>(reply.goneUrls());
				gone.add(page.url());
				Reply marked = reply.withGone(gone, page.goneAt());
				StoredReplies.Content content = this.stored.content(marked, words);
				ReplyChange change = new ReplyChange(marked,
						marked.withdrawnAt() != null ? ReplyChange.Kind.WITHDRAWN : ReplyChange.Kind.UPDATED,
						content.hash(), content.reply());
				writes.add(new Write(writes.size(), marked.id(),
						this.stored.document(content, new StoredChange(change.kind(), source)), change, doc.seqNo(),
						doc.primaryTerm()));
			}
			if (writes.isEmpty()) {
				return new ArrayList<>(changes.values());
			}
			BulkResponse response = write(writes);
			List<String> again = new ArrayList<>();
			for (int k = 0; k < writes.size(); k++) {
				BulkResponseItem item = response.items().get(k);
				if (item.error() == null) {
					countChange(writes.get(k).change());
					changes.put(writes.get(k).id(), writes.get(k).change());
					continue;
				}
				countFailed(item);
				if (isTransient(item)) {
					// Changed meanwhile: read and mark again. Overloaded or blocked: try
					// again.
					again.add(writes.get(k).id());
				}
				else {
					throw new IOException("marking " + item.id() + " gone failed: " + reason(item.error()));
				}
			}
			ids = again;
		}
		if (ids.isEmpty()) {
			return new ArrayList<>(changes.values());
		}
		throw new ElasticsearchUnavailableException(
				"replies under " + page.url() + " could not be marked gone after " + MAX_ATTEMPTS + " tries");
	}

	/**
	 * Elasticsearch's reason, with what caused it, each cut short: a reason can quote a
	 * whole field's value.
	 */
	private static String reason(ErrorCause error) {
		String reason = error.type() + ": " + shortened(error.reason());
		return error.causedBy() == null ? reason
				: reason + " (caused by " + error.causedBy().type() + ": " + shortened(error.causedBy().reason()) + ")";
	}

	private static String shortened(String text) {
		return text == null || text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
	}

	private static List<String> mergedUrls(IndexedState before, Reply incoming) {
		LinkedHashSet<String> urls = new LinkedHashSet<>();
		if (before != null && before.urls() != null) {
			urls.addAll(before.urls());
		}
		urls.addAll(incoming.urls());
		return new ArrayList<>(urls);
	}

	/**
	 * One enriched reply as it came.
	 *
	 * @param enriched the reply and its words
	 * @param source the input record it came in, see {@link ReplyIndexer}; null when none
	 */
	public record Incoming(EnrichedReply enriched, String source) {

		String id() {
			return this.enriched.reply().id();
		}

		/**
		 * What it looks for among the indexed replies; null when it has no fingerprint or
		 * names no submission (replies are compared within a submission only).
		 */
		NearDuplicates.Probe probe() {
			Enrichment enrichment = this.enriched.reply().enrichment();
			return enrichment == null || enrichment.fingerprint() == null || enrichment.submissionKey() == null ? null
					: new NearDuplicates.Probe(enrichment.fingerprint(), enrichment.submissionKey());
		}

	}

	/**
	 * What indexing a batch did.
	 *
	 * @param changes what to announce, in the order of the records
	 * @param refused the first record Elasticsearch refused, null when none was
	 */
	public record Outcome(List<ReplyChange> changes, Refusal refused) {
	}

	/**
	 * A record whose reply Elasticsearch refused to store (a mapping error, too large):
	 * waiting will not help.
	 *
	 * @param index its place in the batch
	 * @param reason Elasticsearch's reason
	 */
	public record Refusal(int index, String reason) {
	}

	/**
	 * A document as read, with the version it was read at.
	 *
	 * @param whole the whole document, when it was read whole
	 */
	private record Stored(IndexedState state, TreeMap<String, Object> whole, Long seqNo, Long primaryTerm) {
	}

	/**
	 * A planned write of a batch's record; {@code seqNo} null to create it.
	 *
	 * @param document what to write, null when nothing
	 * @param change what to announce, null when nothing
	 */
	private record Write(int index, String id, BinaryData document, ReplyChange change, Long seqNo, Long primaryTerm) {
	}

	/** The part of an indexed document that decides whether and what to write. */
	record IndexedState(List<String> urls, List<String> goneUrls, Instant withdrawnAt, String contentHash,
			StoredChange change, Instant fetchedAt, String extractorVersion, String nearDuplicateOf) {

		static final List<String> FIELDS = List.of("urls", "goneUrls", "withdrawnAt", "contentHash", "change",
				"fetchedAt", "extractorVersion", "nearDuplicateOf");

		IndexedState {
			urls = urls == null ? List.of() : urls;
			goneUrls = goneUrls == null ? List.of() : goneUrls;
		}

		SourceVersion version() {
			return new SourceVersion(this.fetchedAt, this.extractorVersion);
		}

	}

	/** The last change written to a document, and the input record that wrote it. */
	record StoredChange(ReplyChange.Kind kind, String source) {

		boolean madeBy(String record) {
			return record != null && record.equals(this.source);
		}

	}

}
