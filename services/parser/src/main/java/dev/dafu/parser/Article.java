package dev.dafu.parser;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Where a page's article is: the block holding the most text, links not counted, in lines
 * of its own: its paragraphs, the cells of its table rows (a layout table's text sits
 * straight in its cells), and its own text where line breaks split it. So site chrome
 * (navigation, footers, share links) stays out whatever the template, and a nested layout
 * table is its own candidate. Found by a {@link Finder} in the one pass the page is read
 * in.
 */
final class Article {

	/** Blocks that are one paragraph even where line breaks split their text. */
	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "center", "li", "dd",
			"dt", "blockquote", "pre");

	/** Table parts whose cells are the lines of the table around them. */
	private static final Set<String> ROWS = Set.of("tbody", "thead", "tfoot", "tr");

	private static final int MIN_LINES = 2;

	private final Element element;

	private final Set<Element> lineCells;

	private Article(Element element, Set<Element> lineCells) {
		this.element = element;
		this.lineCells = lineCells;
	}

	/** The article's element, or null when no block holds lines. */
	Element element() {
		return this.element;
	}

	/** Whether a table cell is one line (no blocks in it, no line breaks). */
	boolean isLineCell(Element cell) {
		return this.lineCells.contains(cell);
	}

	/** Whether {@code element} is {@code ancestor} or inside it. */
	static boolean isInside(Element element, Element ancestor) {
		for (Element at = element; at != null; at = at.parent()) {
			if (at == ancestor) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How many letters {@code text} holds: characters that are not spaces of any kind.
	 */
	static int letters(String text) {
		int letters = 0;
		for (int i = 0; i < text.length(); i++) {
			if (!PageText.isSpace(text.charAt(i))) {
				letters++;
			}
		}
		return letters;
	}

	/** Whether {@code text} holds a letter at all. */
	static boolean hasLetters(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!PageText.isSpace(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Finds the article as a page is walked once: told of each element as it opens and
	 * closes and of each text between, it measures every element from its children,
	 * keeping no map of elements.
	 */
	static final class Finder {

		private final Element body;

		private final Deque<Extent> open = new ArrayDeque<>();

		private final Set<Element> lineCells = Collections.newSetFromMap(new IdentityHashMap<>());

		private Element best;

		private int bestLength;

		Finder(Document document) {
			this.body = document.body();
		}

		void open() {
			this.open.push(new Extent());
		}

		void text(TextNode text) {
			Extent innermost = this.open.peek();
			if (innermost != null) {
				int letters = letters(text.getWholeText());
				innermost.text += letters;
				innermost.inlineText += letters;
			}
		}

		void close(Element element) {
			Extent extent = this.open.pop();
			if (element.nameIs("a")) {
				extent.text = 0;
				extent.inlineText = 0;
			}
			boolean block = element.isBlock();
			String name = element.normalName();
			boolean line = block && !extent.block && (PARAGRAPHS.contains(name) || !extent.br);
			if (block || element == this.body) {
				consider(element, extent);
			}
			if (line && (name.equals("td") || name.equals("th"))) {
				this.lineCells.add(element);
			}
			Extent parent = this.open.peek();
			if (parent != null) {
				parent.add(element, extent, block, line, block && ROWS.contains(name));
			}
		}

		/**
		 * Takes {@code element} as the article if it holds more text in lines of its own
		 * than any before; of equals the first in the page, which for a table and its own
		 * tbody, met here inner first, is the table.
		 */
		private void consider(Element element, Extent extent) {
			int lines = extent.lines + (extent.inlineText > 0 ? 1 : 0);
			int length = lines >= MIN_LINES || extent.br ? extent.linesLength + extent.inlineText : 0;
			if (length > this.bestLength || length > 0 && length == this.bestLength && isInside(this.best, element)) {
				this.bestLength = length;
				this.best = element;
			}
		}

		Article article() {
			return new Article(this.best, this.lineCells);
		}

	}

	/**
	 * What an element holds: text (letters, not spaces) outside links, whether it holds
	 * blocks, the text and line breaks outside its blocks, and the children that are one
	 * line each (looking through table rows into their cells) with their text.
	 */
	private static final class Extent {

		private int text;

		private int inlineText;

		private boolean block;

		private boolean br;

		private int lines;

		private int linesLength;

		/** Adds a child, closed with its own extent, to this element's. */
		void add(Element child, Extent extent, boolean isBlock, boolean isLine, boolean isRows) {
			if (child.nameIs("br")) {
				this.br = true;
				return;
			}
			this.text += extent.text;
			if (isBlock) {
				this.block = true;
			}
			else {
				this.inlineText += extent.inlineText;
				this.br |= extent.br;
				this.block |= extent.block;
			}
			if (isRows) {
				this.lines += extent.lines;
				this.linesLength += extent.linesLength;
			}
			else if (isLine) {
				this.lines++;
				this.linesLength += extent.text;
			}
		}

	}

}
