package dev.dafu.indexer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.Fingerprints;

/**
 * Links a reply to the reply it is a near-duplicate of ({@link Fingerprints}): a copy of
 * its text republished under another URL or site. The rule: among the replies whose text
 * is near, not counting the reply's own copies, the original is one that is no other's
 * copy (the copy of a copy is linked to its original); the one already linked to stays
 * while it is near, else the smallest id. The first of a text indexed so becomes the
 * original of those that come later, and statistics count the text once.
 * <p>
 * Candidates are the replies to the same submission ({@code submissionKey}) in what the
 * index's last refresh made visible (within a second), those this indexer wrote in the
 * last {@link #REMEMBERED} (which a search may not see yet), and the replies of the same
 * batch. Another indexer instance's write is seen after the refresh only: a copy written
 * by one instance within a second of its original written by another is linked when
 * either is indexed again.
 */
final class NearDuplicates {

	/**
	 * How long a reply this indexer wrote is remembered: until a refresh (each second, or
	 * on the next search of an idle index; later under load) has surely made it visible.
	 */
	static final Duration REMEMBERED = Duration.ofSeconds(30);

	/**
	 * At most this many candidates a batch: a submission has a few replies (a lead
	 * unit's, co-handlers', republished copies), a batch up to a thousand submissions.
	 */
	private static final int MAX_CANDIDATES = 10_000;

	private static final String NO_STORED_FIELDS = "_none_";

	private static final String ID = "id";

	private static final String FINGERPRINT = "enrichment.fingerprint";

	private static final String SUBMISSION_KEY = "enrichment.submissionKey";

	private static final String NEAR_DUPLICATE_OF = "nearDuplicateOf";

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	/** The replies written in the last {@link #REMEMBERED}, by id, oldest first. */
	private final LinkedHashMap<String, Written> written = new LinkedHashMap<>();

	NearDuplicates(ElasticsearchClient client, ReplyIndex index) {
		this.client = client;
		this.index = index;
	}

	/** Remembers that {@code reply} was written, until a search surely sees it. */
	synchronized void wrote(Known reply) {
		long now = System.nanoTime();
		forgetOld(now);
		this.written.remove(reply.id());
		this.written.put(reply.id(), new Written(reply, now));
	}

	/**
	 * The indexed replies to the submissions the probes answer: one search a batch, and
	 * those written lately, as written.
	 */
	List<Known> candidates(List<Probe> probes) throws IOException {
		Set<String> submissions = new HashSet<>();
		probes.forEach(probe -> submissions.add(probe.submissionKey()));
		if (submissions.isEmpty()) {
			return new ArrayList<>();
		}
		Map<String, Known> known = new LinkedHashMap<>();
		searched(submissions).forEach(reply -> known.put(reply.id(), reply));
		synchronized (this) {
			forgetOld(System.nanoTime());
			for (Written each : this.written.values()) {
				if (submissions.contains(each.reply().submissionKey())) {
					known.put(each.reply().id(), each.reply());
				}
			}
		}
		return new ArrayList<>(known.values());
	}

	private void forgetOld(long now) {
		Iterator<Written> oldest = this.written.values().iterator();
		while (oldest.hasNext() && now - oldest.next().at() > REMEMBERED.toNanos()) {
			oldest.remove();
		}
	}

	/** The replies to {@code submissions} a search sees. */
	private List<Known> searched(Set<String> submissions) throws IOException {
		List<FieldValue> keys = submissions.stream().map(FieldValue::of).toList();
		// From doc values only: a hit's _id or _source would be read from its stored
		// fields, which decompresses the whole stored document.
		SearchResponse<Void> response = this.client.search(s -> s.index(this.index.name())
			.query(q -> q.terms(t -> t.field(SUBMISSION_KEY).terms(v -> v.value(keys))))
			.storedFields(NO_STORED_FIELDS)
			.docvalueFields(f -> f.field(ID))
			.docvalueFields(f -> f.field(FINGERPRINT))
			.docvalueFields(f -> f.field(SUBMISSION_KEY))
			.docvalueFields(f -> f.field(NEAR_DUPLICATE_OF))
			.size(MAX_CANDIDATES), Void.class);
		List<Known> known = new ArrayList<>();
		for (Hit<Void> hit : response.hits().hits()) {
			String fingerprint = first(hit, FINGERPRINT);
			if (fingerprint != null) {
				known.add(new Known(first(hit, ID), fingerprint, first(hit, SUBMISSION_KEY),
						first(hit, NEAR_DUPLICATE_OF)));
			}
		}
		return known;
	}

	/** The first value of a hit's doc-value {@code field}; null when it has none. */
	private static String first(Hit<Void> hit, String field) {
		JsonData values = hit.fields().get(field);
		String[] strings = values == null ? null : values.to(String[].class);
		return strings == null || strings.length == 0 ? null : strings[0];
	}

	/**
	 * The id of the reply that {@code reply}, linked so far to {@code linked}, is a
	 * near-duplicate of among {@code known}; null when none.
	 */
	static String originalOf(Probe reply, String id, String linked, List<Known> known) {
		if (reply == null) {
			return null;
		}
		String original = null;
		for (Known other : known) {
			if (other.id().equals(id) || id.equals(other.nearDuplicateOf()) || !Fingerprints
				.areNear(reply.fingerprint(), reply.submissionKey(), other.fingerprint(), other.submissionKey())) {
				continue;
			}
			String root = other.nearDuplicateOf() == null ? other.id() : other.nearDuplicateOf();
			if (root.equals(id)) {
				continue;
			}
			if (root.equals(linked)) {
				return linked;
			}
			if (original == null || root.compareTo(original) < 0) {
				original = root;
			}
		}
		return original;
	}

	/**
	 * What a reply about to be indexed looks for.
	 *
	 * @param fingerprint its fingerprint
	 * @param submissionKey the key of the submission it answers
	 */
	record Probe(String fingerprint, String submissionKey) {
	}

	/**
	 * A reply the index holds, or one of the batch indexed before.
	 *
	 * @param submissionKey the key of the submission it answers, null when none
	 * @param nearDuplicateOf the reply it is a copy of, null when none
	 */
	record Known(String id, String fingerprint, String submissionKey, String nearDuplicateOf) {
	}

	/** A reply written at {@code at} ({@link System#nanoTime()}). */
	private record Written(Known reply, long at) {
	}

}
