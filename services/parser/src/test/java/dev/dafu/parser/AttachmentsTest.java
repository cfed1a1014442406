package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Attachment;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;

/**
 * Pages that are only stubs of a reply printed in a file they link: what the parser
 * reads, and what it says when the file cannot give the reply.
 */
class AttachmentsTest {

	private static final String DOCX = "/upload/2024/06/%E4%B8%8A%E6%B5%B7%E5%B8%82%E4%BA%A4%E9%80%9A%E5%A7%94%E5%91%98%E4%BC%9A%E7%AD%94%E5%A4%8D%E7%AC%AC0312%E5%8F%B7.docx";

	private static final String STUB = """
			<html><head><meta charset="utf-8"></head><body><table><tr><td>发布机构：</td><td>上海市交通委员会</td></tr></table>
			<h1>对市十六届人大二次会议第0312号代表建议的答复</h1>
			<div class="content"><p>附件：<a href="%s">%s</a></p><p>（请下载附件查看全文）</p></div></body></html>
			""";

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	@Test
	void readsTheReplyFromTheFileAndLinksItToTheStubPage() {
		Reply reply = single(stub("答复.docx", new Attachment("http://demo.test" + DOCX, "答复.docx",
				"application/octet-stream", TestCorpus.VARIED.page(DOCX))));

		assertThat(reply.urls()).containsExactly("http://demo.test/stub.html");
		assertThat(reply.partUrls()).containsExactly("http://demo.test" + DOCX);
		assertThat(reply.documentNumber()).isEqualTo("沪交建复〔2024〕第45号");
		assertThat(reply.contact().name()).isEqualTo("马俊");
		assertThat(reply.contact().phone()).isEqualTo("23117788");
		assertThat(reply.body()).contains("日均服务乘客八万三千人次").doesNotContain("附件");
	}

	@Test
	void aStubWhoseFileDidNotComeIsDeadLetteredNotPublishedEmpty() {
		assertThatExceptionOfType(UnparseableReplyException.class).isThrownBy(() -> this.parser.parse(stub("答复.docx")))
			.withMessageContaining("reply has no text of its own")
			.withMessageContaining("the files it links (a.docx) did not come with it");
	}

	@Test
	void aStubWhoseFileCannotBeReadSaysWhichFileAndWhy() {
		Attachment damaged = new Attachment("http://demo.test/a.docx", "答复.docx", null,
				"PK\u0003\u0004 not really a package".getBytes(StandardCharsets.ISO_8859_1));

		assertThatExceptionOfType(UnparseableReplyException.class)
			.isThrownBy(() -> this.parser.parse(stub("答复.docx", damaged)))
			.withMessageContaining("reply has no text of its own")
			.withMessageContaining("attachment http://demo.test/a.docx: Word (DOCX) cannot be read");
	}

	@Test
	void aWpsFileInAFormatOtherThanWordsIsReportedByKind() {
		Attachment wps = new Attachment("http://demo.test/a.wps", "答复.wps", "application/kswps",
				"WPS Office 2000 document".getBytes(StandardCharsets.US_ASCII));

		assertThatExceptionOfType(UnparseableReplyException.class)
			.isThrownBy(() -> this.parser.parse(stub("答复.wps", wps)))
			.withMessageContaining("attachment http://demo.test/a.wps: WPS cannot be read");
	}

	@Test
	void aPageThatIsNoReplyStaysNoReplyWhateverFileItLinks() {
		ReplyParser.Parsed parsed = this.parser.read(news("plan.pdf"));
		assertThat(parsed.replies()).isEmpty();
		assertThat(parsed.whyNone()).startsWith("no line reads as a reply's title")
			.endsWith("; the files it links (plan.pdf) did not come with it");
	}

	@Test
	void aPageThatIsNoReplyLinkingAFileThatCannotBeReadSaysSo() {
		Attachment damaged = new Attachment("http://demo.test/files/plan.docx", "工作方案.docx", null,
				"PK\u0003\u0004 not really a package".getBytes(StandardCharsets.ISO_8859_1));

		ReplyParser.Parsed parsed = this.parser.read(news("plan.docx", damaged));
		assertThat(parsed.replies()).isEmpty();
		assertThat(parsed.whyNone()).startsWith("no line reads as a reply's title")
			.contains("attachment http://demo.test/files/plan.docx: Word (DOCX) cannot be read");
	}

	@Test
	void aListOfReplyTitlesInPlainTextIsNoReply() {
		String list = """
				<html><body><div class="list">
				<p>对市十六届人大二次会议第0312号代表建议的答复</p><p>2024-06-21</p>
				<p>对市十六届人大二次会议第0458号代表建议的答复</p><p>2024-06-25</p>
				<p>关于市政协十四届二次会议第0123号提案的答复</p><p>2024-06-19</p>
				</div></body></html>
				""";
		CrawledPage page = new CrawledPage("http://demo.test/list.html", "demo", Instant.now(), 200, "text/html",
				list.getBytes(StandardCharsets.UTF_8));

		ReplyParser.Parsed parsed = this.parser.read(page);
		assertThat(parsed.replies()).isEmpty();
		assertThat(parsed.whyNone()).isEqualTo(
				"it names 3 replies' titles and prints none of them as a letter: a list, a catalogue or a report");
	}

	@Test
	void aFileSentAsThePageItselfIsReadByItsBytes() {
		CrawledPage file = new CrawledPage("http://demo.test/download?id=7", "demo", Instant.now(), 200,
				"application/octet-stream", TestCorpus.VARIED.page("/upload/2024/06/P020240614_0789.ofd"));

		Reply reply = this.parser.parse(file).get(0);

		assertThat(reply.documentNumber()).isEqualTo("沪环建复〔2024〕第23号");
		assertThat(reply.urls()).containsExactly("http://demo.test/download?id=7");
	}

	private Reply single(CrawledPage page) {
		List<Reply> replies = this.parser.parse(page);
		assertThat(replies).hasSize(1);
		return replies.get(0);
	}

	/**
	 * A news item, no reply, that links {@code /files/<file>}, sent with
	 * {@code attachments}.
	 */
	private static CrawledPage news(String file, Attachment... attachments) {
		String html = """
				<html><body><h1>我委召开建议提案办理工作推进会</h1><div><p>会议要求各处室按时办结。</p>
				<p>附件：<a href="/files/%1$s">工作方案%2$s</a></p></div></body></html>
				""".formatted(file, file.substring(file.lastIndexOf('.')));
		return new CrawledPage("http://demo.test/news.html", "demo", Instant.now(), 200, "text/html",
				html.getBytes(StandardCharsets.UTF_8), List.of(), List.of(attachments), null);
	}

	private static CrawledPage stub(String linkText, Attachment... attachments) {
		String html = STUB.formatted(attachments.length == 0 ? "/upload/a.docx" : attachments[0].url(), linkText);
		return new CrawledPage("http://demo.test/stub.html", "demo", Instant.now(), 200, "text/html",
				html.getBytes(StandardCharsets.UTF_8), List.of(), List.of(attachments), null);
	}

}
