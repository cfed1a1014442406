package dev.dafu.parser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dafu.reply.Attachment;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PagePart;
import dev.dafu.reply.Reply;

/**
 * Reads the replies on a crawled page: none for a listing or a news item, one for a
 * reply's detail page, several for a file that holds several replies. A page that is only
 * a stub linking its reply as a file (DOCX, DOC, WPS, PDF, OFD) is read from its
 * attachments. A pure function of the page: no Spring, no Kafka.
 */
public class ReplyParser {

	/**
	 * Recorded on every reply so that output of an older parser can be found and
	 * re-parsed.
	 */
	public static final String EXTRACTOR_VERSION = "0.4.3";

	/**
	 * The document number and title sit near the top; looking further finds numbers
	 * quoted in the body.
	 */
	private static final int HEADER_LINES = 12;

	/** Why a text with no reply's title holds none. */
	private static final String NO_TITLE = "no line reads as a reply's title (…建议的答复, …提案的答复, …的复函, …会办意见)";

	private final int maxPageBytes;

	public ReplyParser(int maxPageBytes) {
		this.maxPageBytes = maxPageBytes;
	}

	/**
	 * The replies on {@code page}, empty when the page is not a reply, each stamped with
	 * the time the page was fetched.
	 * @throws UnparseableReplyException when the page looks like a reply but cannot be
	 * read as one
	 */
	public List<Reply> parse(CrawledPage page) {
		return read(page).replies();
	}

	/**
	 * The replies on {@code page}, as {@link #parse}, or why it holds none.
	 * @throws UnparseableReplyException when the page looks like a reply but cannot be
	 * read as one
	 */
	public Parsed read(CrawledPage page) {
		Parsed parsed = replies(page);
		return new Parsed(parsed.replies().stream().map(reply -> reply.withFetchedAt(page.fetchedAt())).toList(),
				parsed.whyNone());
	}

	private Parsed replies(CrawledPage page) {
		if (page.content() == null) {
			throw new UnparseableReplyException(page.url(), "page has no content");
		}
		byte[] content = page.content();
		long size = content.length;
		for (PagePart part : page.parts()) {
			size += part.content() == null ? 0 : part.content().length;
		}
		for (Attachment attachment : page.attachments()) {
			size += attachment.content() == null ? 0 : attachment.content().length;
		}
		if (size > this.maxPageBytes) {
			throw new UnparseableReplyException(page.url(),
					(size == content.length ? "page is " + size + " bytes"
							: "page with its continuation pages and attachments is " + size + " bytes")
							+ ", over the limit of " + this.maxPageBytes);
		}
		FileKind kind = FileKind.of(content, page.contentType(), page.url());
		if (kind != FileKind.HTML) {
			return read(fileText(kind, content, page.url(), page.contentType()), page.url(), List.of(), page);
		}
		PageText html = readHtml(content, page);
		boolean linksFiles = !page.attachments().isEmpty() || !html.attachmentLinks().isEmpty();
		if (linksFiles && !PrintedReplies.readsAsLetter(html)) {
			return readAttachments(html, page);
		}
		return read(html, page.url(), page.parts().stream().map(PagePart::url).toList(), page);
	}

	/** The page's text, continued by the article lines of its continuation pages. */
	private static PageText readHtml(byte[] content, CrawledPage page) {
		PageText first = HtmlPage.read(content, page.contentType(), page.url());
		if (page.parts().isEmpty()) {
			return first;
		}
		List<String> lines = new ArrayList<>(first.lines());
		for (PagePart part : page.parts()) {
			byte[] partContent = part.content() == null ? new byte[0] : part.content();
			lines.addAll(HtmlPage.read(partContent, part.contentType(), part.url()).lines());
		}
		return new PageText(lines, first.metadata(), first.titleCandidates(), first.attachmentLinks());
	}

	/**
	 * The replies in a stub page's attachments, each linked to the page (its URL) and to
	 * its file (as its part); the page's own metadata (发布机构, 发布日期 …) holds for a file
	 * holding one reply. When no attachment holds a reply, the page is read as it is, and
	 * why each attachment gave none is part of the reason it fails.
	 */
	private static Parsed readAttachments(PageText stub, CrawledPage page) {
		List<Reply> replies = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		List<String> noReply = new ArrayList<>();
		for (Attachment attachment : page.attachments()) {
			byte[] content = attachment.content() == null ? new byte[0] : attachment.content();
			String name = attachment.fileName() != null ? attachment.fileName() : attachment.url();
			FileKind kind = FileKind.of(content, attachment.contentType(), name);
			try {
				PageText file = fileText(kind, content, attachment.url(), attachment.contentType());
				List<String> candidates = new ArrayList<>(file.lines());
				candidates.addAll(stub.titleCandidates());
				Parsed fromFile = read(new PageText(file.lines(), stub.metadata(), candidates), page.url(),
						List.of(attachment.url()), page);
				replies.addAll(fromFile.replies());
				if (fromFile.whyNone() != null) {
					noReply.add("attachment " + attachment.url() + ": " + fromFile.whyNone());
				}
			}
			catch (UnparseableReplyException ex) {
				unreadable.add("attachment " + attachment.url() + ": " + ex.reason());
			}
		}
		if (!replies.isEmpty()) {
			return Parsed.of(replies);
		}
		if (page.attachments().isEmpty()) {
			unreadable
				.add("the files it links (" + String.join(", ", stub.attachmentLinks()) + ") did not come with it");
		}
		Parsed fromStub;
		try {
			fromStub = read(stub, page.url(), List.of(), page);
		}
		catch (UnparseableReplyException ex) {
			unreadable.add(0, ex.reason());
			throw new UnparseableReplyException(page.url(), String.join("; ", unreadable));
		}
		if (fromStub.replies().isEmpty()) {
			// Neither the page nor its files: why not the page, then why not each file.
			List<String> why = new ArrayList<>(List.of(fromStub.whyNone()));
			why.addAll(unreadable);
			why.addAll(noReply);
			return Parsed.none(String.join("; ", why));
		}
		unreadable.add(0, "reply has no text of its own");
		throw new UnparseableReplyException(page.url(), String.join("; ", unreadable));
	}

	/** The lines of a file that is not a web page. */
	private static PageText fileText(FileKind kind, byte[] content, String url, String contentType) {
		List<String> lines;
		try {
			lines = switch (kind) {
				case PDF -> PdfDocument.lines(content);
				case DOCX -> WordDocument.docxLines(content);
				case DOC, WPS -> WordDocument.docLines(content);
				case OFD -> OfdDocument.lines(content);
				case HTML, UNKNOWN -> throw new UnparseableReplyException(url, "content type " + contentType
						+ " is not supported (" + kind.label() + " " + FileKind.extension(url) + ")");
			};
		}
		catch (IOException ex) {
			// Some say nothing but what they are (a zip's EOFException).
			String why = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName()
					: ex.getMessage();
			throw new UnparseableReplyException(url, kind.label() + " cannot be read: " + why);
		}
		return new PageText(lines, Map.of(), lines);
	}

	/**
	 * The replies in {@code text}: one text may print several one after another, and of
	 * those only the ones that read as letters are replies (a page listing reply titles
	 * holds none).
	 */
	private static Parsed read(PageText text, String url, List<String> partUrls, CrawledPage page) {
		List<PageText> printed = PrintedReplies.split(text);
		if (printed.size() == 1) {
			return ReplyExtractor.extract(text, url, partUrls, page.site(), HEADER_LINES)
				.map(reply -> Parsed.of(List.of(reply)))
				.orElse(Parsed.none(NO_TITLE));
		}
		List<PageText> letters = printed.stream().filter(PrintedReplies::readsAsLetter).toList();
		if (letters.isEmpty()) {
			return Parsed.none("it names " + printed.size()
					+ " replies' titles and prints none of them as a letter: a list, a catalogue or a report");
		}
		if (letters.size() == 1) {
			// One reply among titles of others: the page's metadata is its own.
			List<String> candidates = new ArrayList<>(letters.get(0).lines());
			candidates.addAll(text.titleCandidates());
			letters = List.of(new PageText(letters.get(0).lines(), text.metadata(), candidates));
		}
		List<Reply> replies = letters.stream()
			.flatMap(letter -> ReplyExtractor.extract(letter, url, partUrls, page.site(), HEADER_LINES).stream())
			.toList();
		return replies.isEmpty() ? Parsed.none(NO_TITLE) : Parsed.of(replies);
	}

	/**
	 * What a page holds: its replies, or why it holds none.
	 *
	 * @param replies the replies read from it
	 * @param whyNone when there are none, why: what an operator reads to tell a page that
	 * is no reply from a reply the parser does not know how to read; null otherwise
	 */
	public record Parsed(List<Reply> replies, String whyNone) {

		static Parsed of(List<Reply> replies) {
			return new Parsed(replies, null);
		}

		static Parsed none(String why) {
			return new Parsed(List.of(), why);
		}

	}

}
