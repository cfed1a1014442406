package dev.dafu.parser;

import java.util.ArrayList;
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
 * Reads an HTML page into {@link PageText}: the lines of its {@link Article} (written by
 * {@link ArticleLines}), its own metadata (信息公开 tables, meta tags, the info line above
 * the article, labels printed in elements of their own before their values), the places a
 * title may stand, and the files it links.
 */
final class HtmlPage {

	/** {@code 发布时间：2024-06-07} and the like in a page's info line. */
	private static final Pattern INFO_PAIR = Pattern.compile("(发布时间|发布日期|来源)[：:]\\s*([^\\s\\u3000]+)");

	private static final Set<String> META_TAGS = Set.of("ArticleTitle", "PubDate", "ContentSource");

	/**
	 * Labels of a 信息公开 catalogue, read also from a single cell that prints label and
	 * value together ({@code 公开属性：主动公开·摘要}).
	 */
	private static final Pattern CATALOGUE_CELL = Pattern.compile(
			"(索引号|主题分类|发布机构|成文日期|发布日期|发文字号|文号|公开属性|公开方式|公开形式|公开类型|公开范围|有效性|主题词|公文名称|办理结果|办理类别|办理类型|答复类别|答复类型|办复类别)\\s*[：:]\\s*(\\S.*)");

	/** A document title's site suffix: {@code 对…的答复_交通运输部}. */
	private static final Pattern TITLE_SUFFIX = Pattern.compile("[_|]");

	private static final Pattern TRAILING_COLON = Pattern.compile("[：:]$");

	/**
	 * A metadata table has short labels and values; a longer cell is layout, not
	 * metadata.
	 */
	static final int MAX_LABEL_LENGTH = 10;

	private static final int MAX_VALUE_LENGTH = 200;

	private HtmlPage() {
	}

	static PageText read(byte[] content, String contentType, String url) {
		Document document = Jsoup.parse(PageCharset.decode(content, contentType), url);
		Map<String, String> metadata = new LinkedHashMap<>();
		List<String> headings = new ArrayList<>();
		List<Element> infoLines = new ArrayList<>();
		List<String> attachmentLinks = new ArrayList<>();
		LabelledValues labelled = new LabelledValues();
		String[] documentTitle = { "" };
		Article.Finder finder = new Article.Finder(document);
		// One walk over the page: what it says of itself on the way in, the article on
		// the way out.
		NodeTraversor.traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode text) {
					finder.text(text);
					labelled.text(text);
				}
				else if (node instanceof Element element) {
					finder.open();
					switch (element.normalName()) {
						case "meta" -> readMetaTag(element, metadata);
						case "tr" -> readTableRow(element, metadata);
						case "h1", "h2", "h3" -> headings.add(PageText.fold(element.text()));
						case "title" ->
							documentTitle[0] = documentTitle[0].isEmpty() ? element.text() : documentTitle[0];
						case "a" -> AttachmentLink.fileName(element.attr("href"), element.text())
							.ifPresent(attachmentLinks::add);
						default -> {
						}
					}
					String className = element.className();
					if (className.contains("info") || className.contains("Info")) {
						infoLines.add(element);
					}
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element) {
					finder.close(element);
				}
			}
		}, document);
		Article found = finder.article();
		Element article = found.element();
		for (Element info : infoLines) {
			if (article == null || !Article.isInside(info, article)) {
				readInfoLine(info, metadata);
			}
		}
		labelled.addOutside(article, metadata);
		List<String> lines = new ArrayList<>();
		List<String> titleCandidates = new ArrayList<>();
		titleCandidates.add(metadata.get("公文名称"));
		titleCandidates.add(metadata.get("ArticleTitle"));
		for (ArticleLines.Line line : ArticleLines.of(found)) {
			lines.add(line.text());
			if (!line.link()) {
				titleCandidates.add(line.text());
			}
		}
		titleCandidates.addAll(headings);
		titleCandidates.add(PageText.fold(TITLE_SUFFIX.split(documentTitle[0], 2)[0]));
		titleCandidates.removeIf(candidate -> candidate == null || candidate.isEmpty());
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
				if (holdsTable(child)) {
					// A layout row around a nested table: no metadata, and its text is
					// the whole page's.
					return;
				}
				cells.add(child);
			}
		}
		for (int i = 0; i < cells.size(); i++) {
			String text = PageText.fold(cells.get(i).text());
			Matcher labelled = CATALOGUE_CELL.matcher(text);
			if ((text.indexOf('：') >= 0 || text.indexOf(':') >= 0) && labelled.matches()) {
				putMetadata(metadata, labelled.group(1), labelled.group(2));
				continue;
			}
			if (i + 1 < cells.size()) {
				String label = TRAILING_COLON.matcher(PageText.withoutSpaces(text)).replaceFirst("");
				if (label.length() <= MAX_LABEL_LENGTH
						&& putMetadata(metadata, label, PageText.fold(cells.get(i + 1).text()))) {
					i++;
				}
			}
		}
	}

	private static boolean holdsTable(Element cell) {
		for (Element child : cell.children()) {
			if (child.nameIs("table") || child.nameIs("div") && holdsTable(child)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Puts a label's value unless the page gave the label a value before; an empty value
	 * or one too long for metadata is none.
	 */
	static boolean putMetadata(Map<String, String> metadata, String label, String value) {
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

}
