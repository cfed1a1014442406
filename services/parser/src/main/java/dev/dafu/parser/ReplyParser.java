package dev.dafu.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;

/**
 * Reads a reply out of an HTML detail page. A pure function of the page: no Spring, no
 * Kafka.
 * <p>
 * This version extracts the identifying fields (title, document number, issuer, reply
 * date) and the body text, by general rules from {@code domain.md}: the article is the
 * element with the most paragraph text; a 信息公开 metadata table wins over guesses from the
 * text.
 */
public class ReplyParser {

	/**
	 * Recorded on every reply so that output of an older parser can be found and
	 * re-parsed.
	 */
	public static final String EXTRACTOR_VERSION = "0.1.0";

	/**
	 * Titles of replies: {@code …建议的答复}, {@code …提案的答复函}, {@code …提案答复的函},
	 * {@code …的会办意见}. A column heading such as {@code 人大代表建议答复} is not one.
	 */
	private static final Pattern REPLY_TITLE = Pattern.compile(".*(建议|提案|议案)(的答复函?|答复的函)|.*(建议|提案|议案).*的会办意见");

	private static final Pattern DOCUMENT_NUMBER = Pattern
		.compile("[\\p{IsHan}]{1,12}?字?\\s*[〔\\[［（(]\\s*\\d{4}\\s*[〕\\]］）)]\\s*第?\\s*\\d+\\s*号");

	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u3000]+");

	private static final Pattern HAN_ONLY = Pattern.compile("[\\p{IsHan}（）()]{2,40}");

	private static final int MIN_ARTICLE_PARAGRAPHS = 2;

	private final int maxPageBytes;

	public ReplyParser(int maxPageBytes) {
		this.maxPageBytes = maxPageBytes;
	}

	/**
	 * The reply on {@code page}, or empty when the page is not a reply (a listing, a news
	 * item).
	 * @throws UnparseableReplyException when the page looks like a reply but cannot be
	 * read as one
	 */
	public Optional<Reply> parse(CrawledPage page) {
		byte[] content = page.content() == null ? new byte[0] : page.content();
		if (content.length > this.maxPageBytes) {
			throw new UnparseableReplyException(page.url(),
					"page is " + content.length + " bytes, over the limit of " + this.maxPageBytes);
		}
		if (!isHtml(page.contentType())) {
			throw new UnparseableReplyException(page.url(), "content type " + page.contentType() + " is not HTML");
		}
		Document document = parseHtml(content, page);
		Map<String, String> metadata = metadataTable(document);
		List<String> lines = articleLines(document);

		String title = title(document, metadata, lines);
		if (title == null) {
			return Optional.empty();
		}
		int numberLine = indexOfMatch(lines, DOCUMENT_NUMBER);
		String documentNumber = metadata.getOrDefault("发文字号", numberLine >= 0 ? lines.get(numberLine) : null);
		String issuer = issuer(document, metadata, lines, numberLine);
		if (issuer == null) {
			throw new UnparseableReplyException(page.url(), "reply has no issuer (答复单位)");
		}
		int bodyStart = Math.max(lines.indexOf(title), numberLine) + 1;
		String body = String.join("\n", lines.subList(bodyStart, lines.size()));
		if (body.isBlank()) {
			throw new UnparseableReplyException(page.url(), "reply has no body text");
		}
		String id = ReplyIdentity.of(issuer, documentNumber, title);
		return Optional.of(new Reply(id, List.of(page.url()), page.site(), title, documentNumber, issuer,
				replyDate(metadata, lines), body, EXTRACTOR_VERSION));
	}

	private static boolean isHtml(String contentType) {
		return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("html");
	}

	private static Document parseHtml(byte[] content, CrawledPage page) {
		try {
			return Jsoup.parse(new ByteArrayInputStream(content), declaredCharset(page.contentType()), page.url());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The charset named in the Content-Type header; null lets jsoup read the page's own
	 * declaration.
	 */
	private static String declaredCharset(String contentType) {
		if (contentType == null) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			String[] pair = parameter.strip().split("=", 2);
			if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
				String name = pair[1].replace("\"", "").strip();
				try {
					return Charset.isSupported(name) ? name : null;
				}
				catch (IllegalCharsetNameException ex) {
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * Label/value pairs of 信息公开 tables (索引号, 发布机构, 成文日期, 发文字号 …), labels without spaces
	 * or colons.
	 */
	private static Map<String, String> metadataTable(Document document) {
		Map<String, String> metadata = new HashMap<>();
		for (Element row : document.select("tr")) {
			List<Element> cells = row.select("> td, > th");
			for (int i = 0; i + 1 < cells.size(); i += 2) {
				String label = clean(cells.get(i).text()).replaceAll("[：:]$", "");
				String value = clean(cells.get(i + 1).text());
				if (!label.isEmpty() && !value.isEmpty()) {
					metadata.putIfAbsent(label, value);
				}
			}
		}
		return metadata;
	}

	/**
	 * The article's lines: the paragraphs of the element holding the most paragraph text,
	 * split at {@code <br>
	 * }.
	 */
	private static List<String> articleLines(Document document) {
		Element article = null;
		int best = 0;
		for (Element candidate : document.body().select("*")) {
			List<Element> paragraphs = candidate.select("> p");
			if (paragraphs.size() < MIN_ARTICLE_PARAGRAPHS) {
				continue;
			}
			int length = paragraphs.stream().mapToInt(p -> p.text().length()).sum();
			if (length > best) {
				best = length;
				article = candidate;
			}
		}
		List<String> lines = new ArrayList<>();
		if (article == null) {
			return lines;
		}
		article.select("br").forEach(br -> br.after(new TextNode("\n")));
		for (Element paragraph : article.select("> p")) {
			for (String line : paragraph.wholeText().split("\n")) {
				String cleaned = WHITESPACE.matcher(line).replaceAll(" ").strip();
				if (!cleaned.isEmpty()) {
					lines.add(cleaned);
				}
			}
		}
		return lines;
	}

	private static String title(Document document, Map<String, String> metadata, List<String> lines) {
		List<String> candidates = new ArrayList<>();
		candidates.add(metadata.get("公文名称"));
		candidates.add(document.select("meta[name=ArticleTitle]").attr("content"));
		candidates.addAll(lines);
		document.select("h1, h2, h3").forEach(heading -> candidates.add(heading.text()));
		candidates.add(document.title().split("[_|]")[0]);
		return candidates.stream()
			.filter(c -> c != null && !c.isBlank())
			.map(c -> WHITESPACE.matcher(c).replaceAll(" ").strip())
			.filter(c -> c.length() <= 120 && REPLY_TITLE.matcher(c).matches())
			.findFirst()
			.orElse(null);
	}

	private static String issuer(Document document, Map<String, String> metadata, List<String> lines, int numberLine) {
		if (metadata.containsKey("发布机构")) {
			return metadata.get("发布机构");
		}
		if (numberLine > 0 && HAN_ONLY.matcher(lines.get(numberLine - 1)).matches()) {
			return lines.get(numberLine - 1);
		}
		int signatureDate = lastDateLine(lines);
		if (signatureDate > 0 && HAN_ONLY.matcher(lines.get(signatureDate - 1)).matches()) {
			return lines.get(signatureDate - 1);
		}
		String source = document.select("meta[name=ContentSource]").attr("content").strip();
		return source.isEmpty() ? null : source;
	}

	private static LocalDate replyDate(Map<String, String> metadata, List<String> lines) {
		String written = metadata.get("成文日期");
		if (written != null) {
			try {
				return LocalDate.parse(written);
			}
			catch (DateTimeParseException ex) {
				Optional<LocalDate> printed = ChineseDate.parseWhole(written);
				if (printed.isPresent()) {
					return printed.get();
				}
			}
		}
		int line = lastDateLine(lines);
		return line < 0 ? null : ChineseDate.parseWhole(lines.get(line)).orElseThrow();
	}

	/** The signature date: the last line that is a date and nothing else. */
	private static int lastDateLine(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (ChineseDate.parseWhole(lines.get(i)).isPresent()) {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfMatch(List<String> lines, Pattern pattern) {
		for (int i = 0; i < lines.size(); i++) {
			if (pattern.matcher(lines.get(i)).matches()) {
				return i;
			}
		}
		return -1;
	}

	private static String clean(String text) {
		return WHITESPACE.matcher(text).replaceAll("");
	}

}
