package dev.dafu.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Writes an article's lines in reading order: a block is a line, and so is text between
 * line breaks; a table row whose cells are each one line is one line, its cells apart by
 * a space. Text that Word pasted as runs of spans and fonts reads as the paragraph it is,
 * and a numbered heading printed as a bold run at the start of a paragraph ({@code 一、…}
 * in bold, then its text) is a line of its own.
 */
final class ArticleLines {

	/** A line of page links (上一页 1 2 下一页) inside an article is navigation, not text. */
	private static final Pattern PAGINATION = Pattern.compile("((上一页|下一页|首页|尾页|末页|第?\\d{1,3}页?)\\s*)+");

	private static final String PAGE_LINK_STARTS = "上下首尾末第";

	/** A numbered heading: {@code 一、…} or {@code （一）…}, short. */
	private static final Pattern NUMBERED_HEADING = Pattern
		.compile("([一二三四五六七八九十]{1,3}\\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]).{1,40}");

	private static final Pattern BOLD_STYLE = Pattern.compile("font-weight\\s*:\\s*(bold|[6-9]00)");

	private final Article article;

	private final List<Line> lines = new ArrayList<>();

	private final StringBuilder line = new StringBuilder();

	private int letters;

	private int linkLetters;

	/** Whether a space is owed before the next letter. */
	private boolean space;

	private ArticleLines(Article article) {
		this.article = article;
	}

	/** The lines of {@code article}; none when it has no element. */
	static List<Line> of(Article article) {
		ArticleLines writer = new ArticleLines(article);
		Element element = article.element();
		if (element != null) {
			writer.children(element, element.childNodes(), false);
			writer.breakLine();
		}
		return writer.lines;
	}

	/** A line of the article, and whether it is mostly a link's text. */
	record Line(String text, boolean link) {
	}

	private void node(Node node, boolean inLink) {
		if (node instanceof TextNode text) {
			append(text.getWholeText(), inLink);
		}
		else if (node instanceof Element element) {
			element(element, inLink || element.nameIs("a"));
		}
	}

	private void element(Element element, boolean inLink) {
		if (element.nameIs("br")) {
			breakLine();
		}
		else if (element.nameIs("tr") && cellsAreLines(element)) {
			breakLine();
			for (Element cell : element.children()) {
				children(cell, cell.childNodes(), inLink);
				append(" ", inLink);
			}
			breakLine();
		}
		else if (element.isBlock()) {
			breakLine();
			children(element, element.childNodes(), inLink);
			breakLine();
		}
		else {
			children(element, element.childNodes(), inLink);
		}
	}

	/**
	 * The children of an element, a bold numbered heading that opens a block, or one of
	 * its lines after a line break, on a line of its own.
	 */
	private void children(Element parent, List<Node> children, boolean inLink) {
		boolean block = parent.isBlock();
		int headingEnd = block ? boldHeadingEnd(children, 0) : 0;
		for (int i = 0; i < children.size(); i++) {
			Node child = children.get(i);
			node(child, inLink);
			if (i + 1 == headingEnd) {
				breakLine();
			}
			else if (block && isBreak(child)) {
				headingEnd = boldHeadingEnd(children, i + 1);
			}
		}
	}

	/**
	 * Where the bold numbered heading that {@code children} start at {@code from} ends,
	 * when more text follows it on its line; 0 when they do not start with one.
	 */
	private static int boldHeadingEnd(List<Node> children, int from) {
		StringBuilder bold = new StringBuilder();
		int end = 0;
		for (int i = from; i < children.size(); i++) {
			Node child = children.get(i);
			if (child instanceof Element element && !isBreak(element) && isBold(element)) {
				bold.append(element.text());
				end = i + 1;
			}
			else if (!isBlank(child)) {
				break;
			}
		}
		if (end == 0 || !NUMBERED_HEADING.matcher(PageText.fold(bold.toString())).matches()) {
			return 0;
		}
		for (int i = end; i < children.size() && !isBreak(children.get(i)); i++) {
			if (!isBlank(children.get(i))) {
				return end;
			}
		}
		return 0;
	}

	private static boolean isBreak(Node node) {
		return node instanceof Element element && element.nameIs("br");
	}

	private static boolean isBold(Element element) {
		if (element.nameIs("strong") || element.nameIs("b")
				|| element.hasAttr("style") && BOLD_STYLE.matcher(element.attr("style")).find()) {
			return true;
		}
		return element.childrenSize() == 1 && element.ownText().isBlank() && isBold(element.child(0));
	}

	/**
	 * Whether a node prints only spaces, ideographic and non-breaking ones too: text, or
	 * an inline element such as Word's indenting {@code <span>　　</span>}.
	 */
	private static boolean isBlank(Node node) {
		return node instanceof TextNode text && !Article.hasLetters(text.getWholeText())
				|| node instanceof Element element && !element.isBlock() && !Article.hasLetters(element.text());
	}

	private boolean cellsAreLines(Element row) {
		for (Element cell : row.children()) {
			if (!this.article.isLineCell(cell)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds text to the line, folded as it comes (every run of spaces one space, none at
	 * the line's start), as {@link PageText#fold} would fold the whole line.
	 */
	private void append(String text, boolean inLink) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (PageText.isSpace(c)) {
				this.space = this.letters > 0;
			}
			else {
				if (this.space) {
					this.line.append(' ');
					this.space = false;
				}
				this.line.append(c);
				this.letters++;
				if (inLink) {
					this.linkLetters++;
				}
			}
		}
	}

	private void breakLine() {
		if (this.letters > 0 && !isPagination(this.line)) {
			this.lines.add(new Line(this.line.toString(), this.linkLetters * 2 > this.letters));
		}
		this.line.setLength(0);
		this.letters = 0;
		this.linkLetters = 0;
		this.space = false;
	}

	/**
	 * Whether a line is page links (上一页 1 2 下一页), told at once for most lines by its
	 * first character.
	 */
	private static boolean isPagination(CharSequence line) {
		char first = line.charAt(0);
		return (PAGE_LINK_STARTS.indexOf(first) >= 0 || Character.isDigit(first)) && PAGINATION.matcher(line).matches();
	}

}
