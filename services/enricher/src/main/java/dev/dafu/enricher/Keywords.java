package dev.dafu.enricher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;

import dev.dafu.text.ChineseSegmenter.Word;

/**
 * A reply's keywords by TextRank: the candidate words (nouns, verbal nouns and proper
 * names of two characters or more, not a number, not a stop word) are linked when they
 * occur within {@value #WINDOW} candidates of each other, and ranked by PageRank over
 * those links; ties go to the word seen first. Deterministic: the same words give the
 * same keywords.
 */
final class Keywords {

	/** How many candidates apart two words may be and still be linked. */
	private static final int WINDOW = 5;

	private static final int ITERATIONS = 30;

	private static final double DAMPING = 0.85;

	private final Set<String> stopWords;

	Keywords(Set<String> stopWords) {
		this.stopWords = stopWords;
	}

	/** Up to {@code count} keywords of {@code words}, the most telling first. */
	List<String> of(List<Word> words, int count) {
		List<Integer> sequence = new ArrayList<>();
		Map<String, Integer> ids = new LinkedHashMap<>();
		for (Word word : words) {
			if (isCandidate(word)) {
				sequence.add(ids.computeIfAbsent(word.text(), w -> ids.size()));
			}
		}
		int n = ids.size();
		if (n == 0) {
			return List.of();
		}
		// Each co-occurrence within the window links the two words once more: a word's
		// neighbours are listed once per link, so a list's length is the word's weight.
		int[] degree = new int[n];
		forEachLink(sequence, (a, b) -> {
			degree[a]++;
			degree[b]++;
		});
		int[][] neighbours = new int[n][];
		for (int i = 0; i < n; i++) {
			neighbours[i] = new int[degree[i]];
		}
		int[] filled = new int[n];
		forEachLink(sequence, (a, b) -> {
			neighbours[a][filled[a]++] = b;
			neighbours[b][filled[b]++] = a;
		});
		double[] rank = new double[n];
		Arrays.fill(rank, 1.0);
		double[] share = new double[n];
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			for (int i = 0; i < n; i++) {
				share[i] = degree[i] == 0 ? 0 : rank[i] / degree[i];
			}
			for (int i = 0; i < n; i++) {
				double sum = 0;
				for (int neighbour : neighbours[i]) {
					sum += share[neighbour];
				}
				rank[i] = (1 - DAMPING) + DAMPING * sum;
			}
		}
		List<String> byId = new ArrayList<>(ids.keySet());
		return IntStream.range(0, n)
			.boxed()
			.sorted(Comparator.<Integer>comparingDouble(i -> -rank[i]).thenComparingInt(i -> i))
			.limit(count)
			.map(byId::get)
			.toList();
	}

	/** Calls {@code link} for every pair of different words within the window. */
	private static void forEachLink(List<Integer> sequence, Link link) {
		for (int i = 0; i < sequence.size(); i++) {
			int a = sequence.get(i);
			for (int j = i + 1; j < Math.min(sequence.size(), i + WINDOW); j++) {
				int b = sequence.get(j);
				if (a != b) {
					link.accept(a, b);
				}
			}
		}
	}

	private boolean isCandidate(Word word) {
		String text = word.text();
		String nature = word.nature();
		boolean kind = nature.startsWith("n") || nature.equals("vn") || nature.equals("gi") || nature.equals("gm");
		return kind && text.codePointCount(0, text.length()) >= 2 && !nature.equals("nx") && hasLetter(text)
				&& !this.stopWords.contains(text) && !CoreStopWordDictionary.contains(text);
	}

	private static boolean hasLetter(String text) {
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			if (Character.isLetter(c)) {
				return true;
			}
			i += Character.charCount(c);
		}
		return false;
	}

	@FunctionalInterface
	private interface Link {

		void accept(int a, int b);

	}

}
