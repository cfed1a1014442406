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

}
