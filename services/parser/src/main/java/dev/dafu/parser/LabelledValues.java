package dev.dafu.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Label/value pairs a page prints outside tables, each label in an element of its own and
 * its value in the text right after it, in the same block: a span {@code 文　　号：} followed
 * by {@code 穗交运函〔2024〕356号}, a definition term and its description. A label is a few
 * Chinese characters ending with a colon; spaces between them are left out, so
 * {@code 索 引 号} is {@code 索引号}.
 */
final class LabelledValues {

	/** The longest text that may still be a label, with spaces around and inside it. */
	private static final int MAX_LABEL_TEXT = 40;

	private final List<Pair> pairs = new ArrayList<>();

	private String label;

	private Element labelledAt;

	/** Reads the page's text nodes in document order. */
	void text(TextNode node) {
		if (node.isBlank()) {
			return;
		}
		String raw = node.getWholeText();
		if (raw.length() <= MAX_LABEL_TEXT && endsWithColon(raw)) {
			String label = label(PageText.withoutSpaces(raw));
			if (label != null) {
				this.label = label;
				this.labelledAt = node.parentElement();
				return;
			}
		}
		if (this.label != null && this.labelledAt != null && isBeside(node, this.labelledAt)) {
			this.pairs.add(new Pair(this.labelledAt, this.label, PageText.fold(raw)));
		}
		this.label = null;
	}

	/**
	 * Adds the pairs printed outside {@code article} to {@code metadata}, first ones
	 * first.
	 */
	void addOutside(Element article, Map<String, String> metadata) {
		for (Pair pair : this.pairs) {
			if (article == null || !Article.isInside(pair.at(), article)) {
				HtmlPage.putMetadata(metadata, pair.label(), pair.value());
			}
		}
	}

	/**
	 * Whether {@code value} stands beside the label's element: in the block that holds
	 * it, or in an element of that block.
	 */
	private static boolean isBeside(TextNode value, Element label) {
		Element block = label.parent();
		Element at = value.parentElement();
		return block != null && at != null && (at == block || at.parent() == block);
	}

	private static boolean endsWithColon(String raw) {
		for (int i = raw.length() - 1; i >= 0; i--) {
			char c = raw.charAt(i);
			if (!PageText.isSpace(c)) {
				return c == '：' || c == ':';
			}
		}
		return false;
	}

	/** The label {@code text} is, without its colon; null when it is none. */
	static String label(String text) {
		int colon = text.length() - 1;
		if (colon < 2 || colon > HtmlPage.MAX_LABEL_LENGTH || text.charAt(colon) != '：' && text.charAt(colon) != ':') {
			return null;
		}
		for (int i = 0; i < colon; i++) {
			if (Character.UnicodeScript.of(text.charAt(i)) != Character.UnicodeScript.HAN) {
				return null;
			}
		}
		return text.substring(0, colon);
	}

	private record Pair(Element at, String label, String value) {
	}

}
