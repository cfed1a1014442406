package dev.dafu.enricher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reply's summary: the two or three sentences of its answer that hold most of its
 * keywords, in the order the reply has them. Sentences come from the answer only: not the
 * salutation, the opening that acknowledges the suggestion (收悉), headings, the thanks, or
 * what follows the signature (contact, 抄送). A sentence scores the keywords it holds, each
 * by its rank, over its length; very short and very long sentences are passed over.
 */
final class Summaries {

	private static final int SENTENCES = 3;

	private static final int MIN_LENGTH = 16;

	private static final int MAX_LENGTH = 160;

	/**
	 * At most this long; a third sentence is added only while the summary stays shorter.
	 */
	private static final int MAX_SUMMARY = 240;

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；])");

	/** Lines of the form of a reply, not of its answer. */
	private static final Pattern FORM = Pattern
		.compile("收悉|答复如下|感谢|关心和支持|关心支持|联系人|联系电话|联系地址|邮政编码|抄送|印发|^[^。]{0,40}[：:]$");

	/** Where the answer ends: the contact block or the 抄送 line. */
	private static final Pattern END = Pattern.compile("^(联系人|联系电话|承办人|抄送|联系单位)");

	private static final Pattern HEADING = Pattern.compile("^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\\d+[.．、])[^。]{0,60}$");

	/** The summary of {@code body} for these {@code keywords}, most telling first. */
	String of(String body, List<String> keywords) {
		if (body == null || body.isBlank()) {
			return null;
		}
		List<Candidate> candidates = new ArrayList<>();
		String[] lines = body.split("\n");
		for (int l = 1; l < lines.length; l++) {
			String line = lines[l].strip();
			if (END.matcher(line).find()) {
				break;
			}
			if (line.isEmpty() || HEADING.matcher(line).find()) {
				continue;
			}
			for (String sentence : SENTENCE_END.split(line)) {
				String text = sentence.strip();
				if (text.length() >= MIN_LENGTH && text.length() <= MAX_LENGTH && !FORM.matcher(text).find()) {
					candidates.add(new Candidate(candidates.size(), text, score(text, keywords)));
				}
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
