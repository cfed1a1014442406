package dev.dafu.parser;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import dev.dafu.reply.AttachmentLink;
import dev.dafu.reply.PageCharset;

/**
 * Reads an HTML page into {@link PageText}. The article is the block holding the most
 * text, links not counted, in lines of its own: its paragraphs, the cells of its table
 * rows (a layout table's text sits straight in {@code
 *
<td>}s), and its own text where {@code <br>
 * } breaks it in lines. So site chrome (navigation, footers, share links) stays out
 * whatever the template, and a nested layout table is its own candidate. Text that Word
 * pasted as runs of {@code <span>}s and {@code <font>}s reads as the paragraph it is; a
 * numbered heading printed as a bold run at the start of a paragraph is a line of its
 * own.
 */
final class HtmlPage {

	/** {@code 发布时间：2024-06-07} and the like in a page's info line. */
	private static final Pattern INFO_PAIR = Pattern.compile("(发布时间|发布日期|来源)[：:]\\s*([^\\s\\u3000]+)");

	/** A line of page links (上一页 1 2 下一页) inside an article is navigation, not text. */
	private static final Pattern PAGINATION = Pattern.compile("((上一页|下一页|首页|尾页|末页|第?\\d{1,3}页?)\\s*)+");

	private static final Set<String> META_TAGS = Set.of("ArticleTitle", "PubDate", "ContentSource");

	/**
	 * Labels of a 信息公开 catalogue, read also from a single cell that prints label and
	 * value together ({@code 公开属性：主动公开·摘要}).
	 */
	private static final Pattern CATALOGUE_CELL = Pattern
		.compile("(索引号|主题分类|发布机构|成文日期|发布日期|发文字号|文号|公开属性|公开方式|公开范围|有效性|主题词|公文名称|办理结果)\\s*[：:]\\s*(\\S.*)");

	/**
	 * Blocks that are one paragraph even where {@code <br>
	 * } breaks their text.
	 */
	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "center", "li", "dd",
			"dt", "blockquote", "pre");

	/** Table parts whose cells are the lines of the table around them. */
	private static final Set<String> ROWS = Set.of("tbody", "thead", "tfoot", "tr");

	/** A numbered heading: {@code 一、…} or {@code （一）…}, short. */
	private static final Pattern NUMBERED_HEADING = Pattern
		.compile("([一二三四五六七八九十]{1,3}\\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]).{1,40}");

	private static final Pattern BOLD_STYLE = Pattern.compile("font-weight\\s*:\\s*(bold|[6-9]00)");

	private static final int MIN_ARTICLE_LINES = 2;

	/**
	 * A metadata table has short labels and values; a longer cell is layout, not
	 * metadata.
	 */
	private static final int MAX_LABEL_LENGTH = 10;

	private static final int MAX_VALUE_LENGTH = 200;

	private HtmlPage() {
	}

	static PageText read(byte[] content, String contentType, String url) {
		Document document = Jsoup.parse(PageCharset.decode(content, contentType), url);
		Map<String, String> metadata = new LinkedHashMap<>();
		List<String> headings = new ArrayList<>();
		List<Element> infoLines = new ArrayList<>();
		String documentTitle = "";
		for (Element element : document.getAllElements()) {
			switch (element.normalName()) {
				case "meta" -> readMetaTag(element, metadata);
				case "tr" -> readTableRow(element, metadata);
				case "h1", "h2", "h3" -> headings.add(PageText.fold(element.text()));
				case "title" -> documentTitle = documentTitle.isEmpty() ? element.text() : documentTitle;
				default -> {
				}
			}
			String className = element.className();
			if (className.contains("info") || className.contains("Info")) {
				infoLines.add(element);
			}
		}
		Map<Element, Extent> extents = Extent.of(document);
		Element article = article(document, extents);
		for (Element info : infoLines) {
			if (article == null || !isInside(info, article)) {
				readInfoLine(info, metadata);
			}
		}
		List<String> lines = new ArrayList<>();
		List<String> titleCandidates = new ArrayList<>();
		titleCandidates.add(metadata.get("公文名称"));
		titleCandidates.add(metadata.get("ArticleTitle"));
		if (article != null) {
			for (Line line : new LineWriter(extents).write(article)) {
				lines.add(line.text());
				if (!line.link()) {
					titleCandidates.add(line.text());
				}
			}
		}
		titleCandidates.addAll(headings);
		titleCandidates.add(PageText.fold(documentTitle.split("[_|]")[0]));
		titleCandidates.removeIf(candidate -> candidate == null || candidate.isEmpty());
		List<String> attachmentLinks = new ArrayList<>();
		for (Element link : document.select("a[href]")) {
			AttachmentLink.fileName(link.attr("href"), link.text()).ifPresent(attachmentLinks::add);
		}
		return new PageText(lines, metadata, titleCandidates, attachmentLinks);
	}

	private static void readMetaTag(Element meta, Map<String, String> metadata) {
		String name = meta.attr("name");
		if (META_TAGS.contains(name)) {
			String value = PageText.fold(meta.attr("content"));
			if (!value.isEmpty()) {
				metadata.putIfAbsent(name, value);
			}
		}
	}

	/**
	 * Label/value pairs of 信息公开 tables (索引号, 发布机构, 成文日期, 发文字号 …), in cells of their own
	 * or in one cell each.
	 */
	private static void readTableRow(Element row, Map<String, String> metadata) {
		List<Element> cells = new ArrayList<>();
		for (Element child : row.children()) {
			if (child.nameIs("td") || child.nameIs("th")) {
				cells.add(child);
			}
		}
		for (int i = 0; i < cells.size(); i++) {
			String text = PageText.fold(cells.get(i).text());
			Matcher labelled = CATALOGUE_CELL.matcher(text);
			if (labelled.matches()) {
				putMetadata(metadata, labelled.group(1), labelled.group(2));
				continue;
			}
			if (i + 1 < cells.size()) {
				String label = text.replace(" ", "").replaceAll("[：:]$", "");
				if (label.length() <= MAX_LABEL_LENGTH
						&& putMetadata(metadata, label, PageText.fold(cells.get(i + 1).text()))) {
					i++;
				}
			}
		}
	}

	private static boolean putMetadata(Map<String, String> metadata, String label, String value) {
		if (label.isEmpty() || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
			return false;
		}
		metadata.putIfAbsent(label, value);
		return true;
	}

	/** The 发布时间 / 来源 line many templates print above the article. */
	private static void readInfoLine(Element info, Map<String, String> metadata) {
		Matcher pair = INFO_PAIR.matcher(info.text());
		while (pair.find()) {
			metadata.putIfAbsent(pair.group(1), pair.group(2));
		}
	}

	private static boolean isInside(Element element, Element ancestor) {
		for (Element at = element; at != null; at = at.parent()) {
			if (at == ancestor) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The block with the most text in lines of its own; the first of equals, so a table
	 * wins over its own {@code <tbody>}.
	 */
	private static Element article(Document document, Map<Element, Extent> extents) {
		Element article = null;
		int best = 0;
		for (Element element : document.getAllElements()) {
			if (element.isBlock() || element == document.body()) {
				int length = ownLinesLength(element, extents);
				if (length > best) {
					best = length;
					article = element;
				}
			}
		}
		return article;
	}

	/**
	 * How much text {@code element} holds in lines of its own; 0 when it holds fewer than
	 * two such lines and no {@code <br>
	 * }.
	 */
	private static int ownLinesLength(Element element, Map<Element, Extent> extents) {
		Extent own = extents.get(element);
		int[] lines = { own.inlineText > 0 ? 1 : 0, own.inlineText };
		addLineChildren(element, extents, lines);
		return lines[0] >= MIN_ARTICLE_LINES || own.br ? lines[1] : 0;
	}

	/**
	 * Adds to {@code lines} (count, length) the children of {@code element} that are one
	 * line each, looking through table rows into their cells.
	 */
	private static void addLineChildren(Element element, Map<Element, Extent> extents, int[] lines) {
		for (Element child : element.children()) {
			Extent extent = extents.get(child);
			if (ROWS.contains(child.normalName())) {
				addLineChildren(child, extents, lines);
			}
			else if (isLine(child, extent)) {
				lines[0]++;
				lines[1] += extent.text;
			}
		}
	}

	/** A paragraph (which may break its lines), or a block of one line. */
	private static boolean isLine(Element element, Extent extent) {
		return element.isBlock() && !extent.block && (PARAGRAPHS.contains(element.normalName()) || !extent.br);
	}

	private static boolean isBold(Element element) {
		if (element.nameIs("strong") || element.nameIs("b") || BOLD_STYLE.matcher(element.attr("style")).find()) {
			return true;
		}
		return element.childrenSize() == 1 && element.ownText().isBlank() && isBold(element.child(0));
	}

	/**
	 * What an element holds, counted once bottom-up: text (letters, not spaces) outside
	 * links, whether it holds blocks, and the text and {@code <br>
	 * }s outside its blocks.
	 */
	private static final class Extent {

		private int text;

		private int inlineText;

		private boolean block;

		private boolean br;

		static Map<Element, Extent> of(Document document) {
			Map<Element, Extent> extents = new IdentityHashMap<>();
			NodeTraversor.traverse(new NodeVisitor() {
				@Override
				public void head(Node node, int depth) {
				}

				@Override
				public void tail(Node node, int depth) {
					if (node instanceof Element element) {
						extents.put(element, measure(element, extents));
					}
				}
			}, document);
			return extents;
		}

		private static Extent measure(Element element, Map<Element, Extent> extents) {
			Extent extent = new Extent();
			for (Node child : element.childNodes()) {
				if (child instanceof TextNode text) {
					int letters = letters(text.getWholeText());
					extent.text += letters;
					extent.inlineText += letters;
				}
				else if (child instanceof Element inner) {
					Extent innerExtent = extents.get(inner);
					if (inner.nameIs("br")) {
						extent.br = true;
					}
					else if (inner.isBlock()) {
						extent.block = true;
						extent.text += innerExtent.text;
					}
					else {
						extent.text += innerExtent.text;
						extent.inlineText += innerExtent.inlineText;
						extent.br |= innerExtent.br;
						extent.block |= innerExtent.block;
					}
				}
			}
			if (element.nameIs("a")) {
				extent.text = 0;
				extent.inlineText = 0;
			}
			return extent;
		}

		private static int letters(String text) {
			int letters = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00a0') {
					letters++;
				}
			}
			return letters;
		}

	}

	/** A line of the article, and whether it is mostly a link's text. */
	private record Line(String text, boolean link) {
	}

	/**
	 * Writes the article's lines in reading order: a block is a line, and so is text
	 * between {@code <br>
	 * }s; a table row whose cells are each one line is one line, its cells apart by a
	 * space.
	 */
	private static final class LineWriter {

		private final Map<Element, Extent> extents;

		private final List<Line> lines = new ArrayList<>();

		private final StringBuilder line = new StringBuilder();

		private int letters;

		private int linkLetters;

		LineWriter(Map<Element, Extent> extents) {
			this.extents = extents;
		}

		List<Line> write(Element article) {
			children(article, article.childNodes(), false);
			breakLine();
			return this.lines;
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
		 * The children of a block, a leading bold numbered heading on a line of its own.
		 */
		private void children(Element parent, List<Node> children, boolean inLink) {
			int headingEnd = parent.isBlock() ? boldHeadingEnd(children) : 0;
			for (int i = 0; i < children.size(); i++) {
				node(children.get(i), inLink);
				if (i + 1 == headingEnd) {
					breakLine();
				}
			}
		}

		/**
		 * How many of {@code children} make a bold numbered heading that more text
		 * follows; 0 when they do not start with one.
		 */
		private static int boldHeadingEnd(List<Node> children) {
			StringBuilder bold = new StringBuilder();
			int end = 0;
			for (int i = 0; i < children.size(); i++) {
				Node child = children.get(i);
				if (child instanceof Element element && !element.nameIs("br") && isBold(element)) {
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
			for (int i = end; i < children.size(); i++) {
				if (!isBlank(children.get(i))) {
					return end;
				}
			}
			return 0;
		}

		/**
		 * Whether a node is text of only spaces, ideographic and non-breaking ones too.
		 */
		private static boolean isBlank(Node node) {
			return node instanceof TextNode text && PageText.fold(text.getWholeText()).isEmpty();
		}

		private boolean cellsAreLines(Element row) {
			for (Element cell : row.children()) {
				if (!isLine(cell, this.extents.get(cell))) {
					return false;
				}
			}
			return true;
		}

		private void append(String text, boolean inLink) {
			this.line.append(text);
			int added = Extent.letters(text);
			this.letters += added;
			if (inLink) {
				this.linkLetters += added;
			}
		}

		private void breakLine() {
			String folded = PageText.fold(this.line.toString());
			if (!folded.isEmpty() && !PAGINATION.matcher(folded).matches()) {
				this.lines.add(new Line(folded, this.linkLetters * 2 > this.letters));
			}
			this.line.setLength(0);
			this.letters = 0;
			this.linkLetters = 0;
		}

	}

}
