package dev.dafu.crawler.discover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import dev.dafu.reply.PageCharset;

/**
 * What a listing's data endpoint answers, read without its script: JSON (or JSONP) or XML
 * rows, each naming its page in a field such as {@code url}, {@code link} or {@code href}
 * or as markup ({@code <a href=…>} in a CDATA row), and a count of its own pages
 * ({@code totalPage}, {@code pageCount}, or {@code total} over {@code pageSize}) that,
 * with the page number in the endpoint's query ({@code ?page=1}), names the other pages.
 * Row URLs are resolved against the page that named the endpoint, as its script would
 * write them into that page. A pure function of the answer.
 */
public final class FeedLinks {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Fields and elements whose text is a URL. */
	private static final Pattern URL_NAME = Pattern.compile("(?i).*(url|link|href|path|src|uri)$");

	private static final Pattern PAGE_COUNT_NAME = Pattern
		.compile("(?i)(total_?pages?|page_?count|pages|page_?total|total_?page_?num|totalPageCount|pagecount)");

	private static final Pattern TOTAL_NAME = Pattern
		.compile("(?i)(total|total_?count|total_?records?|total_?num|record_?count|totalrecord|count)");

	private static final Pattern PAGE_SIZE_NAME = Pattern
		.compile("(?i)(page_?size|size|rows|limit|per_?page|pagesize|perpage|page_?num_?size)");

	/** The page number in an endpoint's query. */
	private static final Pattern PAGE_PARAMETER = Pattern
		.compile("(?i)(^|[?&])(page|pageNo|pageNum|pageIndex|pageNumber|curPage|currentPage|p|pn)=(\\d{1,5})(?=&|#|$)");

	/** At most this many pages of one endpoint. */
	static final int MAX_PAGES = 500;

	private FeedLinks() {
	}

	/**
	 * What an endpoint answered.
	 *
	 * @param links the page URLs its rows name, resolved
	 * @param pages the endpoint's other pages, by its own count
	 */
	public record Found(Set<String> links, List<String> pages) {
	}

	/**
	 * Whether an answer is data rather than a web page: JSON, or XML that is not HTML.
	 */
	public static boolean isFeed(byte[] body, String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (type.contains("json") || type.contains("javascript")) {
			return true;
		}
		if (type.contains("html")) {
			return false;
		}
		String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).strip();
		return start.startsWith("{") || start.startsWith("[") || start.startsWith("<?xml") && !isSitemap(start);
	}

	private static boolean isSitemap(String start) {
		return start.contains("<urlset") || start.contains("<sitemapindex");
	}

	/**
	 * The rows of {@code body}, the answer of {@code endpoint}, with row URLs resolved
	 * against {@code base}.
	 * @throws IOException when the answer is neither JSON nor XML
	 */
	public static Found of(byte[] body, String contentType, String endpoint, String base) throws IOException {
		String text = PageCharset.decode(body, contentType).strip();
		Set<String> links = new LinkedHashSet<>();
		Map<String, Long> numbers = new HashMap<>();
		if (text.startsWith("<")) {
			readXml(Jsoup.parse(text, base, Parser.xmlParser()), base, links, numbers);
		}
		else {
			readJson(json(text), "", base, links, numbers);
		}
		links.removeIf(link -> link.isEmpty() || !PageLinks.mayBePage(link));
		return new Found(links, otherPages(endpoint, pageCount(numbers)));
	}

	/** JSON, or JSONP: {@code callback({…})}. */
	private static JsonNode json(String text) throws IOException {
		int start = 0;
		if (!text.startsWith("{") && !text.startsWith("[")) {
			int brace = text.indexOf('{');
			int bracket = text.indexOf('[');
			start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
			if (start < 0) {
				throw new IOException("answer is neither JSON nor XML");
			}
		}
		int end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
		if (end < start) {
			throw new IOException("answer is neither JSON nor XML");
		}
		return JSON.readTree(text.substring(start, end + 1));
	}

	private static void readJson(JsonNode node, String name, String base, Set<String> links,
			Map<String, Long> numbers) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				readJson(field.getValue(), field.getKey(), base, links, numbers);
			}
		}
		else if (node.isArray()) {
			node.forEach(item -> readJson(item, name, base, links, numbers));
		}
		else if (node.isIntegralNumber()) {
			numbers.putIfAbsent(name, node.asLong());
		}
		else if (node.isTextual()) {
			readValue(name, node.asText(), base, links, numbers);
		}
	}

	private static void readXml(Document document, String base, Set<String> links, Map<String, Long> numbers) {
		for (Element element : document.getAllElements()) {
			if (element.children().isEmpty()) {
				readValue(element.tagName(), element.text(), base, links, numbers);
			}
			for (Attribute attribute : element.attributes()) {
				readValue(attribute.getKey(), attribute.getValue(), base, links, numbers);
			}
		}
	}

	/** One value of a row: markup, a URL, or a number of the feed's counts. */
	private static void readValue(String name, String value, String base, Set<String> links,
			Map<String, Long> numbers) {
		String text = value.strip();
		if (text.contains("<a")) {
			Jsoup.parse(text, base).select("a[href]").forEach(anchor -> links.add(anchor.absUrl("href")));
		}
		else if (text.matches("\\d{1,9}")) {
			numbers.putIfAbsent(name, Long.parseLong(text));
		}
		else if (!text.isEmpty() && text.indexOf(' ') < 0
				&& (URL_NAME.matcher(name).matches()
						&& (PageLinks.looksLikePath(text) || PageLinks.PAGE_FILE.matcher(text).matches())
						|| PageLinks.PAGE_FILE.matcher(text).matches() && PageLinks.looksLikePath(text))) {
			links.add(PageLinks.resolve(base, text));
		}
	}

	/** How many pages the feed says it has; 0 when it does not say. */
	private static long pageCount(Map<String, Long> numbers) {
		Long total = null;
		Long size = null;
		for (Map.Entry<String, Long> number : numbers.entrySet()) {
			if (PAGE_COUNT_NAME.matcher(number.getKey()).matches()) {
				return number.getValue();
			}
			if (TOTAL_NAME.matcher(number.getKey()).matches()) {
				total = total == null ? number.getValue() : total;
			}
			if (PAGE_SIZE_NAME.matcher(number.getKey()).matches() && number.getValue() > 0) {
				size = size == null ? number.getValue() : size;
			}
		}
		return total != null && size != null ? (total + size - 1) / size : 0;
	}

	/** The endpoint's pages by its count, numbered as its query numbers its own. */
	private static List<String> otherPages(String endpoint, long count) {
		List<String> pages = new ArrayList<>();
		int query = endpoint.indexOf('?');
		Matcher page = query < 0 ? null : PAGE_PARAMETER.matcher(endpoint).region(query, endpoint.length());
		if (count < 2 || page == null || !page.find()) {
			return pages;
		}
		int first = Integer.parseInt(page.group(3)) == 0 ? 0 : 1;
		for (long n = first; n < first + Math.min(count, MAX_PAGES); n++) {
			pages.add(endpoint.substring(0, page.start(3)) + n + endpoint.substring(page.end(3)));
		}
		return pages;
	}

}
