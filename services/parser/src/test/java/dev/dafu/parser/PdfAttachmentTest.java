package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;

class PdfAttachmentTest {

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	@Test
	void aPdfHoldingTwoRepliesYieldsBothWithAllTheirFields() throws IOException {
		List<Reply> replies = this.parser.parse(pdf("application/pdf"));

		assertThat(replies).hasSize(2);
		Reply suggestion = replies.get(0);
		assertThat(suggestion.title()).isEqualTo("对省十四届人大二次会议第0312号代表建议的答复");
		assertThat(suggestion.documentNumber()).isEqualTo("苏交建复〔2024〕第58号");
		assertThat(suggestion.issuer()).isEqualTo("江苏省交通运输厅");
		assertThat(suggestion.handlingResult())
			.isEqualTo(new HandlingResult("正在解决", HandlingResult.Category.IN_PROGRESS));
		assertThat(suggestion.submission()).isEqualTo(new Submission(Submission.Kind.SUGGESTION, "0312", "省十四届人大二次会议",
				"关于加快农村公路提档升级的建议", List.of("王明", "李华")));
		assertThat(suggestion.replyDate()).isEqualTo(LocalDate.of(2024, 6, 12));
		assertThat(suggestion.contact().phone()).isEqualTo("025-52853000");
		assertThat(suggestion.cc()).containsExactly("省政府办公厅", "省人大常委会代表工作委员会");
		assertThat(suggestion.sections()).extracting(section -> section.heading()).containsExactly("一、基本情况", "二、下一步工作");
		assertThat(suggestion.body()).as("a paragraph wrapped on the page is one line again")
			.contains("农村公路优良中等路率稳步提升")
			.doesNotContain("苏交提复");

		Reply proposal = replies.get(1);
		assertThat(proposal.documentNumber()).isEqualTo("苏交提复〔2024〕第17号");
		assertThat(proposal.submission().kind()).isEqualTo(Submission.Kind.PROPOSAL);
		assertThat(proposal.submission().proposers()).containsExactly("民盟江苏省委");
		assertThat(proposal.handlingResult().category()).isEqualTo(HandlingResult.Category.RESOLVED);
		assertThat(proposal.replyDate()).isEqualTo(LocalDate.of(2024, 6, 20));
		assertThat(proposal.contact().name()).isEqualTo("陈静");
		assertThat(proposal.id()).isNotEqualTo(suggestion.id());
		assertThat(replies).allSatisfy(reply -> assertThat(reply.urls()).containsExactly("http://demo.test/a.pdf"));
	}

	@Test
	void aPdfServedWithAGenericTypeIsRecognisedByItsBytes() throws IOException {
		assertThat(this.parser.parse(pdf("application/octet-stream"))).hasSize(2);
	}

	@Test
	void aDamagedPdfIsUnparseableWithItsReason() {
		CrawledPage damaged = new CrawledPage("http://demo.test/a.pdf", "demo", Instant.now(), 200, "application/pdf",
				"%PDF-1.7 not really".getBytes());

		assertThatExceptionOfType(UnparseableReplyException.class).isThrownBy(() -> this.parser.parse(damaged))
			.withMessageContaining("PDF cannot be read");
	}

	private static CrawledPage pdf(String contentType) throws IOException {
		try (InputStream in = PdfAttachmentTest.class.getResourceAsStream("/attachments/two-replies.pdf")) {
			return new CrawledPage("http://demo.test/a.pdf", "demo", Instant.now(), 200, contentType,
					in.readAllBytes());
		}
	}

}
