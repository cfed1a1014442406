package dev.dafu.enricher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A reply's summary: the two or three sentences of its {@link Answer} that hold most of
 * its keywords, in the order the reply has them. A sentence scores the keywords it holds,
 * each by its rank, over its length; headings, very short and very long sentences are
 * passed over.
 */
final class Summaries {

	private static final int SENTENCES = 3;

	private static final int MIN_LENGTH = 16;

	private static final int MAX_LENGTH = 160;

	/**
	 * At most this long; a third sentence is added only while the summary stays shorter.
	 */
	private static final int MAX_SUMMARY = 240;

	/**
	 * The summary of an answer for these {@code keywords}; null if none of it will do.
	 */
	String of(List<Answer.Sentence> answer, List<String> keywords) {
		List<Candidate> candidates = new ArrayList<>();
		for (Answer.Sentence sentence : answer) {
			String text = sentence.text();
			if (!sentence.heading() && text.length() >= MIN_LENGTH && text.length() <= MAX_LENGTH) {
				candidates.add(new Candidate(candidates.size(), text, score(text, keywords)));
			}
		}
		List<Candidate> best = candidates.stream()
			.filter(c -> c.score() > 0)
			.sorted(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::position))
			.toList();
		List<Candidate> chosen = new ArrayList<>();
		int length = 0;
		for (Candidate candidate : best) {
			if (chosen.size() == SENTENCES
					|| (chosen.size() >= 2 && length + candidate.text().length() > MAX_SUMMARY)) {
				break;
			}
			chosen.add(candidate);
			length += candidate.text().length();
		}
		if (chosen.isEmpty()) {
			return null;
		}
		chosen.sort(Comparator.comparingInt(Candidate::position));
		StringBuilder summary = new StringBuilder();
		chosen.forEach(c -> summary.append(c.text()));
		return summary.toString();
	}

	/** The ranks of the keywords it holds (the first counts most) over its length. */
	private static double score(String sentence, List<String> keywords) {
		double score = 0;
		for (int k = 0; k < keywords.size(); k++) {
			if (sentence.contains(keywords.get(k))) {
				score += 1.0 / (1 + k * 0.25);
			}
		}
		return score / Math.sqrt(sentence.length());
	}

	private record Candidate(int position, String text, double score) {
	}

}
