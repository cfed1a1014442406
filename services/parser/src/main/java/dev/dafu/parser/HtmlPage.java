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

/**
 * Reads an HTML page into {@link PageText}. The article is the element whose direct
 * paragraphs hold the most text, so site chrome (navigation, footers, share links) stays
 * out whatever the template; paragraphs split at {@code <br>
 * }.
 */
final class HtmlPage {

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u3000]+");

	/** {@code 发布时间：2024-06-07} and the like in a page's info line. */
	private static final Pattern INFO_PAIR = Pattern.compile("(发布时间|发布日期|来源)[：:]\\s*([^\\s\\u3000]+)");

	private static final List<String> META_TAGS = List.of("ArticleTitle", "PubDate", "ContentSource");

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
		for (String name : META_TAGS) {
			String value = fold(document.select("meta[name=" + name + "]").attr("content"));
			if (!value.isEmpty()) {
				metadata.put(name, value);
			}
		}
		readTables(document, metadata);
		Element article = article(document);
		readInfoLine(document, article, metadata);

		List<String> titleCandidates = new ArrayList<>();
		titleCandidates.add(metadata.get("公文名称"));
		titleCandidates.add(metadata.get("ArticleTitle"));
		List<String> lines = article == null ? List.of() : lines(article);
		titleCandidates.addAll(lines);
		document.select("h1, h2, h3").forEach(heading -> titleCandidates.add(fold(heading.text())));
		titleCandidates.add(fold(document.title().split("[_|]")[0]));
		titleCandidates.removeIf(candidate -> candidate == null || candidate.isEmpty());
		return new PageText(lines, metadata, titleCandidates);
	}

	/** Label/value pairs of 信息公开 tables (索引号, 发布机构, 成文日期, 发文字号 …). */
	private static void readTables(Document document, Map<String, String> metadata) {
		for (Element row : document.select("tr")) {
			List<Element> cells = row.select("> td, > th");
			for (int i = 0; i + 1 < cells.size(); i += 2) {
				String label = WHITESPACE.matcher(cells.get(i).text()).replaceAll("").replaceAll("[：:]$", "");
				String value = fold(cells.get(i + 1).text());
				if (!label.isEmpty() && label.length() <= MAX_LABEL_LENGTH && !value.isEmpty()
						&& value.length() <= MAX_VALUE_LENGTH) {
					metadata.putIfAbsent(label, value);
				}
			}
		}
	}

	/** The 发布时间 / 来源 line many templates print above the article. */
	private static void readInfoLine(Document document, Element article, Map<String, String> metadata) {
		Set<Element> inArticle = Collections.newSetFromMap(new IdentityHashMap<>());
		if (article != null) {
			inArticle.addAll(article.getAllElements());
		}
		for (Element info : document.select("[class*=info], [class*=Info]")) {
			if (inArticle.contains(info)) {
				continue;
			}
			Matcher pair = INFO_PAIR.matcher(info.text());
			while (pair.find()) {
				metadata.putIfAbsent(pair.group(1), pair.group(2));
			}
		}
	}

	/**
	 * The element holding the most text in lines of its own: its paragraphs, and its own
	 * text where it breaks lines with {@code <br>
	 * }.
	 */
	private static Element article(Document document) {
		Element article = null;
		int best = 0;
		for (Element candidate : document.body().getAllElements()) {
			int paragraphs = 0;
			int length = 0;
			boolean breaksLines = false;
			for (Element child : candidate.children()) {
				if (child.nameIs("p")) {
					paragraphs++;
					length += child.text().length();
				}
				breaksLines |= child.nameIs("br");
			}
			if (breaksLines) {
				length += candidate.ownText().length();
			}
			if ((paragraphs >= MIN_ARTICLE_PARAGRAPHS || breaksLines) && length > best) {
				best = length;
				article = candidate;
			}
		}
		return article;
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
			String folded = fold(line);
			if (!folded.isEmpty()) {
				lines.add(folded);
			}
		}
	}

	static String fold(String text) {
		return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
	}

}
