package dev.dafu.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PagePart;
import dev.dafu.reply.Reply;

/**
 * Reads the replies on a crawled page: none for a listing or a news item, one for a
 * reply's detail page, several for a PDF that holds several replies. A pure function of
 * the page: no Spring, no Kafka.
 */
public class ReplyParser {

	/**
	 * Recorded on every reply so that output of an older parser can be found and
	 * re-parsed.
	 */
	public static final String EXTRACTOR_VERSION = "0.2.0";

	/**
	 * The document number and title sit near the top; looking further finds numbers
	 * quoted in the body.
	 */
	private static final int HEADER_LINES = 12;

	private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private final int maxPageBytes;

	public ReplyParser(int maxPageBytes) {
		this.maxPageBytes = maxPageBytes;
	}

	/**
	 * The replies on {@code page}, empty when the page is not a reply.
	 * @throws UnparseableReplyException when the page looks like a reply but cannot be
	 * read as one
	 */
	public List<Reply> parse(CrawledPage page) {
		byte[] content = page.content() == null ? new byte[0] : page.content();
		if (content.length > this.maxPageBytes) {
			throw new UnparseableReplyException(page.url(),
					"page is " + content.length + " bytes, over the limit of " + this.maxPageBytes);
		}
		String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
		if (type.contains("pdf") || startsWith(content, PDF_MAGIC)) {
			return parsePdf(content, page);
		}
		if (type.isEmpty() || type.contains("html")) {
			return ReplyExtractor
				.extract(readHtml(content, page), page.url(), page.parts().stream().map(PagePart::url).toList(),
						page.site(), HEADER_LINES)
				.stream()
				.toList();
		}
		throw new UnparseableReplyException(page.url(), "content type " + page.contentType() + " is not supported");
	}

	/** The page's text, continued by the article lines of its continuation pages. */
	private PageText readHtml(byte[] content, CrawledPage page) {
		PageText first = HtmlPage.read(content, page.contentType(), page.url());
		if (page.parts().isEmpty()) {
			return first;
		}
		List<String> lines = new ArrayList<>(first.lines());
		long size = content.length;
		for (PagePart part : page.parts()) {
			byte[] partContent = part.content() == null ? new byte[0] : part.content();
			size += partContent.length;
			if (size > this.maxPageBytes) {
				throw new UnparseableReplyException(page.url(),
						"page and its continuation pages are over the limit of " + this.maxPageBytes + " bytes");
			}
			lines.addAll(HtmlPage.read(partContent, part.contentType(), part.url()).lines());
		}
		return new PageText(lines, first.metadata(), first.titleCandidates());
	}

	private static List<Reply> parsePdf(byte[] content, CrawledPage page) {
		List<String> lines;
		try {
			lines = PdfDocument.lines(content);
		}
		catch (IOException ex) {
			throw new UnparseableReplyException(page.url(), "PDF cannot be read: " + ex.getMessage());
		}
		return PdfDocument.replies(lines)
			.stream()
			.flatMap(text -> ReplyExtractor.extract(text, page.url(), List.of(), page.site(), HEADER_LINES).stream())
			.toList();
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
	}

}
