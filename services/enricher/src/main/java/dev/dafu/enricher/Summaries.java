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

	/** Where a sentence ends. */
	private static final String SENTENCE_ENDS = "。！？；";

	/** Words of the form of a reply, not of its answer. */
	private static final List<String> FORM = List.of("收悉", "答复如下", "感谢", "关心和支持", "关心支持", "联系人", "联系电话", "联系地址", "邮政编码",
			"抄送", "印发");

	/** The longest line ending with a colon that is a label, and so form too. */
	private static final int MAX_LABEL_LINE = 41;

	/** Where the answer ends: the contact block or the 抄送 line. */
	private static final List<String> END = List.of("联系人", "联系电话", "承办人", "抄送", "联系单位");

	private static final Pattern HEADING = Pattern.compile("^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\\d+[.．、])[^。]{0,60}$");

	/** What a heading starts with; the pattern runs only on such lines. */
	private static final String HEADING_STARTS = "一二三四五六七八九十（0123456789";

	/** The summary of {@code body} for these {@code keywords}, most telling first. */
	String of(String body, List<String> keywords) {
		if (body == null || body.isBlank()) {
			return null;
		}
		List<Candidate> candidates = new ArrayList<>();
		String[] lines = body.split("\n");
		for (int l = 1; l < lines.length; l++) {
			String line = lines[l].strip();
			if (startsWithAny(line, END)) {
				break;
			}
			if (line.isEmpty() || isHeading(line)) {
				continue;
			}
			int start = 0;
			for (int i = 0; i < line.length(); i++) {
				if (SENTENCE_ENDS.indexOf(line.charAt(i)) >= 0 || i == line.length() - 1) {
					String text = line.substring(start, i + 1).strip();
					start = i + 1;
					if (text.length() >= MIN_LENGTH && text.length() <= MAX_LENGTH && !isForm(text)) {
						candidates.add(new Candidate(candidates.size(), text, score(text, keywords)));
					}
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

	private static boolean startsWithAny(String line, List<String> words) {
		for (String word : words) {
			if (line.startsWith(word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isHeading(String line) {
		return HEADING_STARTS.indexOf(line.charAt(0)) >= 0 && HEADING.matcher(line).find();
	}

	/**
	 * Whether a sentence is of the form of a reply: it holds one of {@link #FORM}'s
	 * words, or is a short label line ending with a colon.
	 */
	private static boolean isForm(String text) {
		for (String word : FORM) {
			if (text.contains(word)) {
				return true;
			}
		}
		char last = text.charAt(text.length() - 1);
		return text.length() <= MAX_LABEL_LINE && (last == '：' || last == ':') && text.indexOf('。') < 0;
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
