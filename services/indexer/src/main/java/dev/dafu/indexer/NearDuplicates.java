package dev.dafu.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.type.TypeReference;

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
 * index's last refresh made visible (within a second), and the replies of the same batch:
 * a copy written to the index within a second of its original but in another batch is
 * linked when either is indexed again.
 */
final class NearDuplicates {

	/**
	 * At most this many candidates a batch: a submission has a few replies (a lead
	 * unit's, co-handlers', republished copies), a batch up to a thousand submissions.
	 */
	private static final int MAX_CANDIDATES = 10_000;

	private static final TypeReference<TreeMap<String, Object>> DOCUMENT = new TypeReference<>() {
	};

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	NearDuplicates(ElasticsearchClient client, ReplyIndex index) {
		this.client = client;
		this.index = index;
	}

	/** The indexed replies to the submissions the probes answer: one search a batch. */
	List<Known> candidates(List<Probe> probes) throws IOException {
		List<FieldValue> keys = probes.stream().map(Probe::submissionKey).distinct().map(FieldValue::of).toList();
		if (keys.isEmpty()) {
			return new ArrayList<>();
		}
		SearchResponse<TreeMap<String, Object>> response = this.client.search(s -> s.index(this.index.name())
			.query(q -> q.terms(t -> t.field("enrichment.submissionKey").terms(v -> v.value(keys))))
			.source(src -> src
				.filter(f -> f.includes("enrichment.fingerprint", "enrichment.submissionKey", "nearDuplicateOf")))
			.size(MAX_CANDIDATES), DOCUMENT.getType());
		List<Known> known = new ArrayList<>();
		for (Hit<TreeMap<String, Object>> hit : response.hits().hits()) {
			TreeMap<String, Object> source = hit.source();
			Object enrichment = source == null ? null : source.get("enrichment");
			if (enrichment instanceof Map<?, ?> map && map.get("fingerprint") instanceof String print) {
				known.add(new Known(hit.id(), print, (String) map.get("submissionKey"),
						(String) source.get("nearDuplicateOf")));
			}
		}
		return known;
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

}
