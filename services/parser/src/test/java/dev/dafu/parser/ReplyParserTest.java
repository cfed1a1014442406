package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;

class ReplyParserTest {

	private static final String REPLY = """
			<html><head><meta charset="%s"><title>答复</title></head><body><div class="content">
			<p>上海市科学技术委员会</p>
			<p>沪科建复［2024］ 34号</p>
			<p>对市十六届人大二次会议 第0671号代表建议的答复</p>
			<p>汪泓代表：</p>
			<p>您提出的“打造具有世界影响力科技创新中心的挑战及建议”收悉。</p>
			<p>感谢您对本市科技工作的关心和支持。</p>
			<p>上海市科学技术委员会</p>
			<p>二〇二四年六月二十一日</p>
			</div></body></html>
			""";

	/** A reply under a catalogue table: title, then the label and value of its number. */
	private static final String CATALOGUED = """
			<html><head><meta charset="utf-8"><title>%1$s</title></head><body>
			<table><tr><td>发布机构：</td><td>杭州市西湖区教育局</td><td>%2$s：</td><td>%3$s</td></tr></table>
			<div class="content"><h1>%1$s</h1><p>李明委员：</p>
			<p>您提出的《关于加强中小学生心理健康教育的提案》收悉。现答复如下：</p>
			<p>我局将进一步加强中小学生心理健康教育。</p>
			<p>杭州市西湖区教育局</p><p>2024年6月12日</p></div></body></html>
			""";

	private final ReplyParser parser = new ReplyParser(64 * 1024);

	@Test
	void readsAReplyWithChineseNumeralDateAndOddBrackets() {
		Reply reply = this.parser.parse(page(REPLY.formatted("utf-8").getBytes(StandardCharsets.UTF_8), "text/html"))
			.get(0);

		assertThat(reply.issuer()).isEqualTo("上海市科学技术委员会");
		assertThat(reply.documentNumber()).isEqualTo("沪科建复［2024］ 34号");
		assertThat(reply.title()).isEqualTo("对市十六届人大二次会议 第0671号代表建议的答复");
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2024, 6, 21));
		assertThat(reply.body()).startsWith("汪泓代表：\n您提出的").doesNotContain("沪科建复");
	}

	@ParameterizedTest
	@ValueSource(strings = { "文号", "发文字号" })
	void readsTheDocumentNumberTheCatalogueGives(String label) {
		Reply reply = catalogued("关于区政协十一届三次会议第36号提案的答复", label, "西教提〔2024〕8号");

		assertThat(reply.documentNumber()).isEqualTo("西教提〔2024〕8号");
		assertThat(reply.id()).isEqualTo(ReplyIdentity.of("杭州市西湖区教育局", "西教提〔2024〕8号", null));
	}

	@Test
	void aCataloguesPlaceholderIsNoNumberSoRepliesWithItKeepTheirOwnIds() {
		Reply first = catalogued("关于区政协十一届三次会议第36号提案的答复", "文号", "无");
		Reply second = catalogued("关于区政协十一届三次会议第37号提案的答复", "发文字号", "无");

		assertThat(first.documentNumber()).isNull();
		assertThat(second.documentNumber()).isNull();
		assertThat(first.id()).isNotEqualTo(second.id());
	}

	@Test
	void readsAGbkPageThatDeclaresItsCharsetOnlyInTheHtml() {
		Charset gbk = Charset.forName("GBK");
		Reply reply = this.parser.parse(page(REPLY.formatted("gbk").getBytes(gbk), "text/html")).get(0);

		assertThat(reply.issuer()).isEqualTo("上海市科学技术委员会");
	}

	@Test
	void aPageThatLooksLikeAReplyButNamesNoIssuerIsUnparseableWithItsReason() {
		byte[] html = """
				<html><body><h1>对市十六届人大二次会议第9999号代表建议的答复</h1>
				<div><p>正文第一段。</p><p>正文第二段。</p></div></body></html>
				""".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(UnparseableReplyException.class).isThrownBy(() -> this.parser.parse(page(html, null)))
			.withMessageContaining("no issuer")
			.withMessageContaining("http://demo.test/bad.html")
			.withMessageContaining("extractor=" + ReplyParser.EXTRACTOR_VERSION);
	}

	@Test
	void refusesPagesOverTheSizeLimit() {
		byte[] huge = new byte[64 * 1024 + 1];

		assertThatExceptionOfType(UnparseableReplyException.class)
			.isThrownBy(() -> this.parser.parse(page(huge, "text/html")))
			.withMessageContaining("over the limit of 65536");
	}

	@Test
	void refusesContentItCannotRead() {
		assertThatExceptionOfType(UnparseableReplyException.class)
			.isThrownBy(() -> this.parser.parse(page(new byte[] { 'P', 'K', 3, 4 }, "application/zip")))
			.withMessageContaining("application/zip is not supported");
	}

	@Test
	void aRecordWithoutContentIsUnparseableNotDroppedAsNoReply() {
		assertThatExceptionOfType(UnparseableReplyException.class).isThrownBy(() -> this.parser.parse(page(null, null)))
			.withMessageContaining("page has no content");
	}

	@Test
	void anEmptyPageIsNotAReply() {
		assertThat(this.parser.parse(page(new byte[0], "text/html"))).isEmpty();
	}

	private Reply catalogued(String title, String label, String number) {
		byte[] html = CATALOGUED.formatted(title, label, number).getBytes(StandardCharsets.UTF_8);
		return this.parser.parse(page(html, "text/html")).get(0);
	}

	private static CrawledPage page(byte[] content, String contentType) {
		return new CrawledPage("http://demo.test/bad.html", "demo", Instant.now(), 200, contentType, content);
	}

}
