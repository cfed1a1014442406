package dev.dafu.enricher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;

import dev.dafu.reply.Enrichment.Topic;

/**
 * The topics of a reply by the taxonomy's rule (see {@code dafu/enricher/topics.txt}): a
 * term in the title or the subject counts {@value #TITLE_WEIGHT}, in the body 1 an
 * occurrence up to {@value #MAX_BODY_COUNT}; a topic whose terms score
 * {@value #MIN_SCORE} with two different terms, or that has a term in the title, is the
 * reply's.
 */
final class Topics {

	private static final int TITLE_WEIGHT = 3;

	private static final int MAX_BODY_COUNT = 3;

	private static final int MIN_SCORE = 4;

	/** The topics of each term, in the taxonomy's order. */
	private final AhoCorasickDoubleArrayTrie<List<String>> terms = new AhoCorasickDoubleArrayTrie<>();

	private final List<String> names;

	/**
	 * @param taxonomy each topic's name and terms, in order
	 */
	Topics(Map<String, List<String>> taxonomy) {
		this.names = List.copyOf(taxonomy.keySet());
		TreeMap<String, List<String>> topicsOfTerm = new TreeMap<>();
		taxonomy.forEach((name, words) -> words
			.forEach(term -> topicsOfTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(name)));
		this.terms.build(topicsOfTerm);
	}

	/**
	 * Reads a taxonomy: {@code name: term, term …} a line, {@code #} comments.
	 */
	static Map<String, List<String>> parse(String text) {
		Map<String, List<String>> taxonomy = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			String entry = line.strip();
			if (entry.isEmpty() || entry.startsWith("#")) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon < 1) {
				throw new IllegalArgumentException("a topic line is 'name: term, term …', not: " + entry);
			}
			List<String> words = new ArrayList<>();
			for (String term : entry.substring(colon + 1).split("[,，、]")) {
				if (!term.isBlank()) {
					words.add(term.strip());
				}
			}
			taxonomy.put(entry.substring(0, colon).strip(), words);
		}
		return taxonomy;
	}

	/** The topics of a reply with this title (and subject) and body, weightiest first. */
	List<Topic> of(String title, String body) {
		Map<String, Map<String, Integer>> bodyCounts = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> titleCounts = new LinkedHashMap<>();
		count(title, titleCounts);
		count(body, bodyCounts);
		List<Scored> scored = new ArrayList<>();
		for (int order = 0; order < this.names.size(); order++) {
			String name = this.names.get(order);
			Map<String, Integer> inTitle = titleCounts.getOrDefault(name, Map.of());
			Map<String, Integer> inBody = bodyCounts.getOrDefault(name, Map.of());
			Map<String, Integer> score = new LinkedHashMap<>();
			inTitle.forEach((term, n) -> score.merge(term, TITLE_WEIGHT, Integer::sum));
			inBody.forEach((term, n) -> score.merge(term, Math.min(n, MAX_BODY_COUNT), Integer::sum));
			int total = score.values().stream().mapToInt(Integer::intValue).sum();
			if (!inTitle.isEmpty() || (total >= MIN_SCORE && score.size() >= 2)) {
				List<String> why = score.entrySet()
					.stream()
					.sorted(Map.Entry.<String, Integer>comparingByValue()
						.reversed()
						.thenComparing(Map.Entry.comparingByKey()))
					.map(Map.Entry::getKey)
					.toList();
				scored.add(new Scored(order, new Topic(name, why), total));
			}
		}
		return scored.stream()
			.sorted(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order))
			.map(Scored::topic)
			.toList();
	}

	private void count(String text, Map<String, Map<String, Integer>> counts) {
		if (text == null || text.isEmpty()) {
			return;
		}
		this.terms.parseText(text, (begin, end, topics) -> {
			String term = text.substring(begin, end);
			for (String topic : topics) {
				counts.computeIfAbsent(topic, t -> new LinkedHashMap<>()).merge(term, 1, Integer::sum);
			}
		});
	}

	private record Scored(int order, Topic topic, int score) {
	}

}
