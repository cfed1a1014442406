package dev.dafu.parser;

import java.util.List;
import java.util.Map;

/**
 * What a page says, before reading it as a reply: the article's lines in reading order,
 * the page's own metadata, and the other places a title may stand.
 *
 * @param lines the article's paragraphs, one a line, whitespace folded to single spaces
 * @param metadata label → value from 信息公开 tables and {@code <meta>} tags, labels without
 * spaces or colons
 * @param titleCandidates headings and the document title, in the order they are trusted
 */
record PageText(List<String> lines, Map<String, String> metadata, List<String> titleCandidates) {

	PageText {
		lines = List.copyOf(lines);
		metadata = Map.copyOf(metadata);
		titleCandidates = List.copyOf(titleCandidates);
	}

	/**
	 * {@code text} with every run of whitespace (including U+3000 and U+00A0) as one
	 * space, stripped.
	 */
	static String fold(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder folded = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || c == '\u3000' || c == '\u00a0') {
				space = !folded.isEmpty();
			}
			else {
				if (space) {
					folded.append(' ');
					space = false;
				}
				folded.append(c);
			}
		}
		return folded.toString();
	}

}
