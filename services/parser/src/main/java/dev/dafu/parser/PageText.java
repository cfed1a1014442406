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
 * @param attachmentLinks the names of the files (PDF, DOCX …) the page links, for a page
 * that may be a stub of a reply printed in one
 */
record PageText(List<String> lines, Map<String, String> metadata, List<String> titleCandidates,
		List<String> attachmentLinks) {

	PageText {
		lines = List.copyOf(lines);
		metadata = Map.copyOf(metadata);
		titleCandidates = List.copyOf(titleCandidates);
		attachmentLinks = List.copyOf(attachmentLinks);
	}

	/** The text of a file, or of a page that links no file. */
	PageText(List<String> lines, Map<String, String> metadata, List<String> titleCandidates) {
		this(lines, metadata, titleCandidates, List.of());
	}

	/**
	 * Whether {@code c} is a space of any kind, ideographic and non-breaking ones too.
	 */
	static boolean isSpace(char c) {
		return Character.isWhitespace(c) || c == '\u3000' || c == '\u00a0';
	}

	/**
	 * {@code text} without its spaces of any kind: a label as it is meant, its letters
	 * perhaps spaced out ({@code 联 系 人}, {@code 文　　号}).
	 */
	static String withoutSpaces(String text) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			if (!isSpace(text.charAt(i))) {
				kept.append(text.charAt(i));
			}
		}
		return kept.toString();
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
			if (isSpace(c)) {
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
