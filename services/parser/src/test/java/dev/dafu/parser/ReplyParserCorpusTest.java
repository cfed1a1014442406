package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dafu.local.StaticSite;
import dev.dafu.reply.Attachment;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;

/**
 * The parser over both corpus sites, field by field against their {@code expected.json}:
 * at least 99% of the field checks right (every one, in fact, which the summary shows),
 * no reply missed, nothing else taken for a reply. A stub page comes with the files it
 * links, as the crawler sends it. Matching ignores whitespace; phone numbers compare by
 * digits, as the corpus README says.
 */
class ReplyParserCorpusTest {

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	static List<TestCorpus.Site> sites() {
		return List.of(TestCorpus.PUBLIC, TestCorpus.VARIED);
	}

	@ParameterizedTest
	@MethodSource("sites")
	void readsAtLeast99PercentOfTheFieldsRightAndMissesNoReply(TestCorpus.Site site) {
		FieldChecks checks = new FieldChecks();
		Map<String, List<JsonNode>> byUrl = new LinkedHashMap<>();
		for (JsonNode expected : site.expected().get("replies")) {
			expected.get("urls")
				.forEach(url -> byUrl.computeIfAbsent(url.asText(), key -> new ArrayList<>()).add(expected));
		}
		Map<JsonNode, Set<String>> ids = new LinkedHashMap<>();
		byUrl.forEach((url, expectedHere) -> {
			List<Reply> replies = this.parser.parse(page(site, url, expectedHere.get(0)));
			assertThat(replies).as("replies on " + url).hasSize(expectedHere.size());
			for (int i = 0; i < replies.size(); i++) {
				checks.compare(url, expectedHere.get(i), replies.get(i));
				ids.computeIfAbsent(expectedHere.get(i), key -> new HashSet<>()).add(replies.get(i).id());
			}
		});
		ids.forEach((expected, found) -> checks.check(expected.get("urls").get(0).asText(), "one id for all URLs",
				found.size() == 1));
		System.out.println(checks.summary());
		assertThat(checks.rightShare()).as(checks.summary()).isGreaterThanOrEqualTo(0.99);
	}

	@ParameterizedTest
	@MethodSource("sites")
	void everyReplyHasItsOwnId(TestCorpus.Site site) {
		Set<String> ids = new HashSet<>();
		Set<String> urls = new LinkedHashSet<>();
		for (JsonNode expected : site.expected().get("replies")) {
			String url = expected.get("urls").get(0).asText();
			if (urls.add(url)) {
				this.parser.parse(page(site, url, expected)).forEach(reply -> ids.add(reply.id()));
			}
		}
		assertThat(ids).hasSize(site.expected().get("replies").size());
	}

	@ParameterizedTest
	@MethodSource("sites")
	void listingsNewsAndNoticesAreNotReplies(TestCorpus.Site site) {
		List<String> urls = new ArrayList<>();
		site.expected().get("nonReplyUrls").forEach(url -> urls.add(url.asText()));
		site.expected().get("listingPageUrls").forEach(url -> urls.add(url.asText()));
		for (String url : urls) {
			assertThat(this.parser.parse(page(site, url, null))).as(url).isEmpty();
		}
	}

	@Test
	void thePublicSitesHomeAndNewsAreNotReplies() {
		for (String url : List.of("/index.html", "/xwdt/index.html")) {
			assertThat(this.parser.parse(page(TestCorpus.PUBLIC, url, null))).as(url).isEmpty();
		}
	}

	/**
	 * The page at {@code urlPath} as the crawler sends it: with the files its expected
	 * reply is read from (its parts that are not web pages), each with its type and name
	 * as the site serves them.
	 */
	private static CrawledPage page(TestCorpus.Site site, String urlPath, JsonNode expected) {
		List<Attachment> attachments = new ArrayList<>();
		if (expected != null) {
			for (JsonNode part : expected.get("partUrls")) {
				String path = part.asText();
				Map<String, String> headers = site.headers(path);
				String type = headers.getOrDefault("Content-Type",
						StaticSite.contentType(path.replaceFirst("\\?.*", "")));
				if (!type.contains("html")) {
					attachments.add(new Attachment("http://demo.test" + path, null, type, site.page(path)));
				}
			}
		}
		return new CrawledPage("http://demo.test" + urlPath, "demo", Instant.now(), 200, "text/html",
				site.page(urlPath), List.of(), attachments, null);
	}

	/** Counts field checks and keeps the failed ones, to show them all at once. */
	private static final class FieldChecks {

		private final List<String> failures = new ArrayList<>();

		private int count;

		void compare(String url, JsonNode expected, Reply reply) {
			JsonNode submission = expected.get("submission");
			same(url, "title", text(expected.get("title")), reply.title());
			same(url, "documentNumber", text(expected.get("documentNumber")), reply.documentNumber());
			same(url, "issuer", text(expected.get("issuer")), reply.issuer());
			same(url, "submission.kind", text(submission.get("kind")),
					reply.submission() == null ? null : reply.submission().kind().name());
			same(url, "submission.number", text(submission.get("number")),
					reply.submission() == null ? null : reply.submission().number());
			same(url, "submission.session", text(submission.get("session")),
					reply.submission() == null ? null : reply.submission().session());
			same(url, "submission.subject", text(submission.get("subject")),
					reply.submission() == null ? null : reply.submission().subject());
			same(url, "submission.proposers", texts(submission.get("proposers")),
					reply.submission() == null ? null : reply.submission().proposers());
			JsonNode result = expected.get("handlingResult");
			same(url, "handlingResult.raw", result.isNull() ? null : text(result.get("raw")),
					reply.handlingResult() == null ? null : reply.handlingResult().raw());
			same(url, "handlingResult.category", result.isNull() ? null : text(result.get("category")),
					reply.handlingResult() == null ? null : reply.handlingResult().category().name());
			same(url, "disclosure", text(expected.get("disclosure")), reply.disclosure());
			same(url, "replyDate", text(expected.get("replyDate")), Objects.toString(reply.replyDate(), null));
			JsonNode contact = expected.get("contact");
			same(url, "contact.name", text(contact.get("name")),
					reply.contact() == null ? null : reply.contact().name());
			same(url, "contact.phone", digits(text(contact.get("phone"))),
					reply.contact() == null ? null : digits(reply.contact().phone()));
			same(url, "contact.address", text(contact.get("address")),
					reply.contact() == null ? null : reply.contact().address());
			same(url, "contact.postcode", text(contact.get("postcode")),
					reply.contact() == null ? null : reply.contact().postcode());
			same(url, "contact.unit", text(contact.path("unit")),
					reply.contact() == null ? null : reply.contact().unit());
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

		/** A JSON string's text; null for JSON null or a missing field. */
		private static String text(JsonNode node) {
			return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
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
