package dev.dafu.crawler.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a fetched page links, read without a browser: its anchors (with the rows a
 * {@code <noscript>} keeps), the rows a script carries inline (a Hanweb
 * {@code <script type="text/xml">} datastore, an array of row objects), the data
 * endpoints its scripts load rows from ({@code fetch("list.json?page=1")},
 * {@code $.ajax({url: "data.xml"})}, {@code data-url="…"}), the pages only a
 * {@code createPageHTML(…)} call names, the total it prints (共N件), and which anchors
 * share a list. A pure function of the page: URLs come back as written, resolved against
 * the page.
 */
public final class PageLinks {

	private static final Pattern PAGE_COUNT = Pattern
		.compile("createPageHTML\\(\\s*(\\d+)\\s*,\\s*\\d+\\s*,\\s*[\"']([^\"']+)[\"']\\s*,\\s*[\"']([^\"']+)[\"']");

	private static final Pattern PRINTED_TOTAL = Pattern.compile("共\\s*(\\d+)\\s*[件条篇]");

	/** At most this many pages a script's page count names. */
	private static final int MAX_PAGES = 10_000;

	/** A quoted string in a script. */
	private static final Pattern QUOTED = Pattern.compile("[\"']([^\"'\\s<>(){};,]{1,500})[\"']");

	/** A quoted string a script loads: the argument of a request call or a url option. */
	private static final Pattern REQUESTED = Pattern.compile(
			"(?:\\burl\\s*[:=]|\\bfetch\\s*\\(|\\bgetJSON\\s*\\(|\\$\\.(?:get|post)\\s*\\(|\\.load\\s*\\(|\\.open\\s*\\(\\s*[\"'](?:GET|POST)[\"']\\s*,)\\s*[\"']([^\"'\\s<>]{1,500})[\"']",
			Pattern.CASE_INSENSITIVE);

	/** A data endpoint by its name: {@code list.json}, {@code data.xml?page=1}. */
	private static final Pattern DATA_FILE = Pattern.compile("(?i)[^?#]*\\.(json|xml)([?#].*)?");

	/** A page by its name: {@code t20240621_1001.html}, {@code art_1229_5634.shtml}. */
	static final Pattern PAGE_FILE = Pattern.compile("(?i)[^?#]*\\.(s?html?|jsp|php|aspx?|pdf|docx?|wps|ofd)([?#].*)?");

	/** Files a crawl never wants, whatever links them. */
	private static final Pattern NOT_A_PAGE = Pattern.compile(
			"(?i)[^?#]*\\.(js|css|png|jpe?g|gif|bmp|ico|svg|webp|woff2?|ttf|eot|mp[34]|avi|flv|swf|zip|rar|7z|xlsx?|pptx?)([?#].*)?");

	/** A URL written out in full: no quotes, operators or spaces of script code. */
	private static final Pattern WRITTEN_URL = Pattern.compile("[^'\"+{}\\s<>]+");

	/** What holds a column's rows. */
	private static final String LIST = "ul, ol, dl, table";

	private static final List<String> DATA_ATTRIBUTES = List.of("data-url", "data-src", "data-api", "data-source",
			"data-href");

	private PageLinks() {
	}

	/**
	 * What {@code document} links.
	 *
	 * @param anchors every anchor's URL with its text, in page order (a URL's first text
	 * kept)
	 * @param scripted page URLs its scripts carry inline
	 * @param endpoints the data endpoints its scripts load rows from
	 * @param pagination the pages only a {@code createPageHTML(…)} call names
	 * @param printedTotal the total it prints (共N件), or null
	 * @param lists for each anchor in a list ({@code ul}, {@code ol}, {@code dl},
	 * {@code table}), the list's place in the page: the rows of one column share it
	 */
	public record Found(Map<String, String> anchors, Set<String> scripted, Set<String> endpoints,
			List<String> pagination, Integer printedTotal, Map<String, Integer> lists) {
	}

	public static Found of(Document document) {
		Map<String, String> anchors = new LinkedHashMap<>();
		Map<String, Integer> lists = new LinkedHashMap<>();
		List<Element> listElements = document.select(LIST);
		for (Element anchor : document.select("a[href]")) {
			String url = anchor.absUrl("href");
			anchors.putIfAbsent(url, anchor.text());
			Element list = anchor.closest(LIST);
			if (list != null) {
				lists.putIfAbsent(url, listElements.indexOf(list));
			}
		}
		Set<String> scripted = new LinkedHashSet<>();
		Set<String> endpoints = new LinkedHashSet<>();
		List<String> pagination = new ArrayList<>();
		for (Element script : document.select("script")) {
			String code = script.data();
			if (script.hasAttr("src") || code.isBlank()) {
				continue;
			}
			readScript(code, document.location(), scripted, endpoints);
			Matcher call = PAGE_COUNT.matcher(code);
			if (call.find()) {
				int count = Math.min(Integer.parseInt(call.group(1)), MAX_PAGES);
				for (int i = 1; i < count; i++) {
					pagination.add(resolve(document.location(), call.group(2) + "_" + i + "." + call.group(3)));
				}
			}
		}
		for (String attribute : DATA_ATTRIBUTES) {
			for (Element element : document.select("[" + attribute + "]")) {
				endpoints.add(element.absUrl(attribute));
			}
		}
		endpoints.removeIf(String::isEmpty);
		scripted.removeIf(String::isEmpty);
		Matcher total = PRINTED_TOTAL.matcher(document.text());
		return new Found(anchors, scripted, endpoints, pagination,
				total.find() ? Integer.valueOf(total.group(1)) : null, lists);
	}

	/**
	 * The rows and endpoints one script names: links in markup it carries (CDATA rows
	 * included), quoted page URLs, and what it requests.
	 */
	private static void readScript(String code, String base, Set<String> scripted, Set<String> endpoints) {
		if (code.contains("<a")) {
			Document rows = Jsoup.parse(code.replace("<![CDATA[", "").replace("]]>", ""), base);
			for (Element anchor : rows.select("a[href]")) {
				// Markup a script builds from its data ('<a href="' + row.link + '">')
				// names no URL.
				if (WRITTEN_URL.matcher(anchor.attr("href")).matches()) {
					scripted.add(anchor.absUrl("href"));
				}
			}
		}
		Matcher requested = REQUESTED.matcher(code);
		while (requested.find()) {
			String url = requested.group(1);
			if (PAGE_FILE.matcher(url).matches()) {
				// A page's URL in a row object ({url: '/c123/content.html'}), not data.
				scripted.add(resolve(base, url));
			}
			else if (!NOT_A_PAGE.matcher(url).matches()) {
				endpoints.add(resolve(base, url));
			}
		}
		Matcher quoted = QUOTED.matcher(code);
		while (quoted.find()) {
			String text = quoted.group(1);
			if (DATA_FILE.matcher(text).matches()) {
				endpoints.add(resolve(base, text));
			}
			else if (PAGE_FILE.matcher(text).matches() && looksLikePath(text)) {
				scripted.add(resolve(base, text));
			}
		}
	}

	/** A string that can stand for a URL: no spaces, a path or a name with slashes. */
	static boolean looksLikePath(String text) {
		return text.startsWith("/") || text.startsWith("http://") || text.startsWith("https://")
				|| text.startsWith("./") || text.startsWith("../") || text.indexOf('/') > 0;
	}

	/**
	 * Whether a linked URL is one a crawl may want: not a script, style, image or
	 * archive.
	 */
	public static boolean mayBePage(String url) {
		return !NOT_A_PAGE.matcher(url).matches();
	}

	/** {@code url} resolved against {@code base}, or "" when it cannot be. */
	static String resolve(String base, String url) {
		return StringUtil.resolve(base, url.strip());
	}

}
