package dev.dafu.parser;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
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

import dev.dafu.reply.PageCharset;

/**
 * Reads an HTML page into {@link PageText}, in one pass over its elements. The article is
 * the element holding the most text in lines of its own (its paragraphs, and its own text
 * where it breaks lines with {@code <br>
 * }), so site chrome (navigation, footers, share links) stays out whatever the template.
 */
final class HtmlPage {

	/** {@code 发布时间：2024-06-07} and the like in a page's info line. */
	private static final Pattern INFO_PAIR = Pattern.compile("(发布时间|发布日期|来源)[：:]\\s*([^\\s\\u3000]+)");

	/** A line of page links (上一页 1 2 下一页) inside an article is navigation, not text. */
	private static final Pattern PAGINATION = Pattern.compile("((上一页|下一页|首页|尾页|末页|第?\\d{1,3}页?)\\s*)+");

	private static final Set<String> META_TAGS = Set.of("ArticleTitle", "PubDate", "ContentSource");

	private static final int MIN_ARTICLE_PARAGRAPHS = 2;

	/**
	 * A metadata table has short labels and values; a longer cell is layout, not
	 * metadata.
	 */
	private static final int MAX_LABEL_LENGTH = 10;

	private static final int MAX_VALUE_LENGTH = 200;

	private HtmlPage() {
	}

	static PageText read(byte[] content, String contentType, String url) {
		Charset charset = PageCharset.of(content, contentType);
		Document document = Jsoup.parse(new String(content, charset), url);
		Map<String, String> metadata = new LinkedHashMap<>();
		List<String> headings = new ArrayList<>();
		List<Element> infoLines = new ArrayList<>();
		String documentTitle = "";
		Element article = null;
		int articleLength = 0;
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
			int length = ownLinesLength(element);
			if (length > articleLength) {
				articleLength = length;
				article = element;
			}
		}
		Set<Element> inArticle = Collections.newSetFromMap(new IdentityHashMap<>());
		if (article != null && !infoLines.isEmpty()) {
			inArticle.addAll(article.getAllElements());
		}
		for (Element info : infoLines) {
			if (!inArticle.contains(info)) {
				readInfoLine(info, metadata);
			}
		}
		List<String> lines = article == null ? List.of() : lines(article);
		List<String> titleCandidates = new ArrayList<>();
		titleCandidates.add(metadata.get("公文名称"));
		titleCandidates.add(metadata.get("ArticleTitle"));
		titleCandidates.addAll(lines);
		titleCandidates.addAll(headings);
		titleCandidates.add(PageText.fold(documentTitle.split("[_|]")[0]));
		titleCandidates.removeIf(candidate -> candidate == null || candidate.isEmpty());
		return new PageText(lines, metadata, titleCandidates);
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

	/** Label/value pairs of 信息公开 tables (索引号, 发布机构, 成文日期, 发文字号 …). */
	private static void readTableRow(Element row, Map<String, String> metadata) {
		List<Element> cells = new ArrayList<>();
		for (Element child : row.children()) {
			if (child.nameIs("td") || child.nameIs("th")) {
				cells.add(child);
			}
		}
		for (int i = 0; i + 1 < cells.size(); i += 2) {
			String label = PageText.fold(cells.get(i).text()).replace(" ", "").replaceAll("[：:]$", "");
			String value = PageText.fold(cells.get(i + 1).text());
			if (!label.isEmpty() && label.length() <= MAX_LABEL_LENGTH && !value.isEmpty()
					&& value.length() <= MAX_VALUE_LENGTH) {
				metadata.putIfAbsent(label, value);
			}
		}
	}

	/** The 发布时间 / 来源 line many templates print above the article. */
	private static void readInfoLine(Element info, Map<String, String> metadata) {
		Matcher pair = INFO_PAIR.matcher(info.text());
		while (pair.find()) {
			metadata.putIfAbsent(pair.group(1), pair.group(2));
		}
	}

	/**
	 * How much text {@code element} holds in lines of its own; 0 when it holds no such
	 * lines.
	 */
	private static int ownLinesLength(Element element) {
		int paragraphs = 0;
		int length = 0;
		boolean breaksLines = false;
		for (Element child : element.children()) {
			if (child.nameIs("p")) {
				paragraphs++;
				length += child.text().length();
			}
			breaksLines |= child.nameIs("br");
		}
		if (breaksLines) {
			return length + element.ownText().length();
		}
		return paragraphs >= MIN_ARTICLE_PARAGRAPHS ? length : 0;
	}

	/**
	 * The article's lines in reading order: a block is a line, and so is text between
	 * {@code <br>
	 * }s.
	 */
	private static List<String> lines(Element article) {
		article.select("br").forEach(br -> br.after(new TextNode("\n")));
		List<String> lines = new ArrayList<>();
		StringBuilder inline = new StringBuilder();
		for (Node node : article.childNodes()) {
			if (node instanceof Element element && element.isBlock()) {
				addLines(inline.toString(), lines);
				inline.setLength(0);
				addLines(element.wholeText(), lines);
			}
			else if (node instanceof Element element) {
				inline.append(element.wholeText());
			}
			else if (node instanceof TextNode text) {
				inline.append(text.getWholeText());
			}
		}
		addLines(inline.toString(), lines);
		return lines;
	}

	private static void addLines(String text, List<String> lines) {
		for (String line : text.split("\n")) {
			String folded = PageText.fold(line);
			if (!folded.isEmpty() && !PAGINATION.matcher(folded).matches()) {
				lines.add(folded);
			}
		}
	}

}
