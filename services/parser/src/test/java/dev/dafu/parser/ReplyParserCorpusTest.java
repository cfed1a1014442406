package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;

/** The parser over the public corpus, checked against its {@code expected.json}. */
class ReplyParserCorpusTest {

	private static final JsonNode EXPECTED = TestCorpus.expected();

	private final ReplyParser parser = new ReplyParser(10 * 1024 * 1024);

	static Stream<JsonNode> replies() {
		List<JsonNode> replies = new ArrayList<>();
		EXPECTED.get("replies").forEach(replies::add);
		return replies.stream();
	}

	static Stream<Named<JsonNode>> namedReplies() {
		return replies().map(reply -> Named.of(reply.get("title").asText(), reply));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("namedReplies")
	void readsTheIdentifyingFieldsOfEveryReply(JsonNode expected) {
		Set<String> ids = new HashSet<>();
		for (JsonNode url : expected.get("urls")) {
			Reply reply = this.parser.parse(page(url.asText())).orElseThrow();
			SoftAssertions.assertSoftly(softly -> {
				softly.assertThat(squash(reply.title())).as("title").isEqualTo(squash(expected.get("title").asText()));
				softly.assertThat(squash(reply.documentNumber()))
					.as("documentNumber")
					.isEqualTo(squash(expected.get("documentNumber").asText()));
				softly.assertThat(reply.issuer()).as("issuer").isEqualTo(expected.get("issuer").asText());
				softly.assertThat(reply.replyDate())
					.as("replyDate")
					.isEqualTo(LocalDate.parse(expected.get("replyDate").asText()));
				for (JsonNode phrase : expected.get("bodyPhrases")) {
					softly.assertThat(squash(reply.body())).as("body").contains(squash(phrase.asText()));
				}
				softly.assertThat(reply.urls()).containsExactly(page(url.asText()).url());
				softly.assertThat(reply.extractorVersion()).isEqualTo(ReplyParser.EXTRACTOR_VERSION);
			});
			ids.add(reply.id());
		}
		assertThat(ids).as("one id for every URL of the same reply").hasSize(1);
	}

	@Test
	void everyReplyHasItsOwnId() {
		Set<String> ids = new HashSet<>();
		replies().forEach(
				expected -> ids.add(this.parser.parse(page(expected.get("urls").get(0).asText())).orElseThrow().id()));
		assertThat(ids).hasSize(EXPECTED.get("replies").size());
	}

	@Test
	void listingsNewsAndNoticesAreNotReplies() {
		List<String> urls = new ArrayList<>(List.of("/index.html", "/xwdt/index.html"));
		EXPECTED.get("nonReplyUrls").forEach(url -> urls.add(url.asText()));
		EXPECTED.get("listingPageUrls").forEach(url -> urls.add(url.asText()));
		for (String url : urls) {
			Optional<Reply> reply = this.parser.parse(page(url));
			assertThat(reply).as(url).isEmpty();
		}
	}

	private static CrawledPage page(String urlPath) {
		return new CrawledPage("http://demo.test" + urlPath, "demo", Instant.now(), 200, "text/html",
				TestCorpus.sitePage(urlPath));
	}

	private static String squash(String text) {
		return text == null ? null : text.replaceAll("[\\s\\u3000]+", "");
	}

}
