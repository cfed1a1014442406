package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;

/**
 * The parser over the public corpus, field by field against its {@code expected.json}: at
 * least 99% of the field checks right, no reply missed, nothing else taken for a reply.
 * Matching ignores whitespace; phone numbers compare by digits, as the corpus README
 * says.
 */
class ReplyParserCorpusTest {

	private static final JsonNode EXPECTED = TestCorpus.expected();

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	@Test
	void readsAtLeast99PercentOfTheFieldsRightAndMissesNoReply() {
		FieldChecks checks = new FieldChecks();
		for (JsonNode expected : EXPECTED.get("replies")) {
			Set<String> ids = new HashSet<>();
			for (JsonNode url : expected.get("urls")) {
				List<Reply> replies = this.parser.parse(page(url.asText()));
				assertThat(replies).as("replies on " + url.asText()).hasSize(1);
				Reply reply = replies.get(0);
				ids.add(reply.id());
				checks.compare(url.asText(), expected, reply);
			}
			checks.check(expected.get("urls").get(0).asText(), "one id for all URLs", ids.size() == 1);
		}
		System.out.println(checks.summary());
		assertThat(checks.rightShare()).as(checks.summary()).isGreaterThanOrEqualTo(0.99);
	}

	@Test
	void everyReplyHasItsOwnId() {
		Set<String> ids = new HashSet<>();
		EXPECTED.get("replies")
			.forEach(expected -> ids.add(this.parser.parse(page(expected.get("urls").get(0).asText())).get(0).id()));
		assertThat(ids).hasSize(EXPECTED.get("replies").size());
	}

	@Test
	void listingsNewsAndNoticesAreNotReplies() {
		List<String> urls = new ArrayList<>(List.of("/index.html", "/xwdt/index.html"));
		EXPECTED.get("nonReplyUrls").forEach(url -> urls.add(url.asText()));
		EXPECTED.get("listingPageUrls").forEach(url -> urls.add(url.asText()));
		for (String url : urls) {
			assertThat(this.parser.parse(page(url))).as(url).isEmpty();
		}
	}

	private static CrawledPage page(String urlPath) {
		return new CrawledPage("http://demo.test" + urlPath, "demo", Instant.now(), 200, "text/html",
				TestCorpus.sitePage(urlPath));
	}

	/** Counts field checks and keeps the failed ones, to show them all at once. */
	private static final class FieldChecks {

		private final List<String> failures = new ArrayList<>();

		private int count;

		void compare(String url, JsonNode expected, Reply reply) {
			JsonNode submission = expected.get("submission");
			same(url, "title", expected.get("title").asText(), reply.title());
			same(url, "documentNumber", expected.get("documentNumber").asText(), reply.documentNumber());
			same(url, "issuer", expected.get("issuer").asText(), reply.issuer());
			same(url, "submission.kind", submission.get("kind").asText(),
					reply.submission() == null ? null : reply.submission().kind().name());
			same(url, "submission.number", submission.get("number").asText(),
					reply.submission() == null ? null : reply.submission().number());
			same(url, "submission.session", submission.get("session").asText(),
					reply.submission() == null ? null : reply.submission().session());
			same(url, "submission.proposers", texts(submission.get("proposers")),
					reply.submission() == null ? null : reply.submission().proposers());
			JsonNode result = expected.get("handlingResult");
			same(url, "handlingResult.raw", result.isNull() ? null : result.get("raw").asText(),
					reply.handlingResult() == null ? null : reply.handlingResult().raw());
			same(url, "handlingResult.category", result.isNull() ? null : result.get("category").asText(),
					reply.handlingResult() == null ? null : reply.handlingResult().category().name());
			same(url, "disclosure", expected.get("disclosure").asText(), reply.disclosure());
			same(url, "replyDate", expected.get("replyDate").asText(), Objects.toString(reply.replyDate(), null));
			JsonNode contact = expected.get("contact");
			same(url, "contact.name", contact.get("name").asText(),
					reply.contact() == null ? null : reply.contact().name());
			same(url, "contact.phone", digits(contact.get("phone").asText()),
					reply.contact() == null ? null : digits(reply.contact().phone()));
			same(url, "contact.address", contact.get("address").asText(),
					reply.contact() == null ? null : reply.contact().address());
			same(url, "contact.postcode", contact.get("postcode").asText(),
					reply.contact() == null ? null : reply.contact().postcode());
			same(url, "cc", texts(expected.get("cc")), reply.cc());
			same(url, "partUrls",
					texts(expected.get("partUrls")).stream().map(path -> "http://demo.test" + path).toList(),
					reply.partUrls());
			same(url, "sectionHeadings", texts(expected.get("sectionHeadings")),
					reply.sections().stream().map(section -> section.heading()).toList());
			for (JsonNode phrase : expected.get("bodyPhrases")) {
				check(url, "body has " + phrase.asText(), squash(reply.body()).contains(squash(phrase.asText())));
			}
		}

		void check(String url, String field, boolean right) {
			this.count++;
			if (!right) {
				this.failures.add(url + " " + field);
			}
		}

		private void same(String url, String field, Object expected, Object actual) {
			this.count++;
			if (!Objects.equals(squash(expected), squash(actual))) {
				this.failures.add(url + " " + field + ": expected " + expected + " but was " + actual);
			}
		}

		double rightShare() {
			return 1.0 - (double) this.failures.size() / this.count;
		}

		String summary() {
			return (this.count - this.failures.size()) + " of " + this.count + " field checks right"
					+ (this.failures.isEmpty() ? "" : "; wrong:\n  " + String.join("\n  ", this.failures));
		}

		private static List<String> texts(JsonNode array) {
			List<String> texts = new ArrayList<>();
			array.forEach(item -> texts.add(item.asText()));
			return texts;
		}

		private static String digits(String phone) {
			return phone == null ? null : phone.replaceAll("\\D", "");
		}

		private static String squash(Object value) {
			return value == null ? null : value.toString().replaceAll("[\\s\\u3000]+", "");
		}

	}

	private static String squash(String text) {
		return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
	}

}
