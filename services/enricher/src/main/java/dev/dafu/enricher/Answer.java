package dev.dafu.enricher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The answer in a reply's body, as sentences: what the unit says about the suggestion,
 * without the form of the letter around it. Not the salutation or other label lines, the
 * opening that acknowledges the suggestion (收悉, 答复如下), words praising it (参考价值), the
 * thanks, the signature (the lines after the last sentence: unit and date), or what
 * follows it (contact, 抄送). Keywords and summary are taken from it.
 */
final class Answer {

	/** Where a sentence ends. */
	private static final String SENTENCE_ENDS = "。！？；";

	/** What a line of sentences holds and a signature's lines do not. */
	private static final String SENTENCE_MARKS = "。！？；，";

	/** Words of the form of a reply, not of its answer. */
	private static final List<String> FORM = List.of("收悉", "答复如下", "感谢", "关心和支持", "关心支持", "参考价值", "联系人", "联系电话", "联系地址",
			"邮政编码", "抄送", "印发");

	/** The longest line ending with a colon that is a label, and so form too. */
	private static final int MAX_LABEL_LINE = 41;

	/** Where the answer ends: the contact block or the 抄送 line. */
	private static final List<String> END = List.of("联系人", "联系电话", "承办人", "抄送", "联系单位");

	private static final Pattern HEADING = Pattern.compile("^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\\d+[.．、])[^。]{0,60}$");

	/** What a heading starts with; the pattern runs only on such lines. */
	private static final String HEADING_STARTS = "一二三四五六七八九十（0123456789";

	private Answer() {
	}

	/** The sentences of {@code body}'s answer, in order; none for no body. */
	static List<Sentence> of(String body) {
		List<Sentence> sentences = new ArrayList<>();
		if (body == null) {
			return sentences;
		}
		int beforeSignature = 0;
		int lineStart = 0;
		while (lineStart < body.length()) {
			int lineEnd = body.indexOf('\n', lineStart);
			if (lineEnd < 0) {
				lineEnd = body.length();
			}
			String line = body.substring(lineStart, lineEnd);
			String text = line.strip();
			if (startsWithAny(text, END)) {
				break;
			}
			if (!text.isEmpty()) {
				int start = lineStart + line.indexOf(text);
				int before = sentences.size();
				if (isHeading(text)) {
					sentences.add(new Sentence(start, text, true));
				}
				else {
					addSentences(text, start, sentences);
				}
				// A line of the answer's own sentences; the thanks and the contact are
				// not.
				if (sentences.size() > before && hasAny(text, SENTENCE_MARKS)) {
					beforeSignature = sentences.size();
				}
			}
			lineStart = lineEnd + 1;
		}
		return sentences.subList(0, beforeSignature);
	}

	/** The sentences of a line that starts at {@code offset}, but those of the form. */
	private static void addSentences(String line, int offset, List<Sentence> sentences) {
		int start = 0;
		for (int i = 0; i < line.length(); i++) {
			if (SENTENCE_ENDS.indexOf(line.charAt(i)) >= 0 || i == line.length() - 1) {
				String sentence = line.substring(start, i + 1);
				String text = sentence.strip();
				if (!text.isEmpty() && !isForm(text)) {
					sentences.add(new Sentence(offset + start + sentence.indexOf(text), text, false));
				}
				start = i + 1;
			}
		}
	}

	private static boolean startsWithAny(String line, List<String> words) {
		for (String word : words) {
			if (line.startsWith(word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasAny(String text, String chars) {
		for (int i = 0; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
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

	/**
	 * A sentence of the answer, or a heading.
	 *
	 * @param start where it starts in the body
	 */
	record Sentence(int start, String text, boolean heading) {

		/** Where it ends in the body. */
		int end() {
			return this.start + this.text.length();
		}

	}

}
