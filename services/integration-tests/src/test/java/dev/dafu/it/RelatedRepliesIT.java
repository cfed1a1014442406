package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * {@code GET /api/replies/{id}/related} on the public corpus plus its links supplement: a
 * lead unit's reply and two co-handlers' answer one suggestion, and a portal republished
 * one reply.
 */
@ExtendWith(RealServers.class)
class RelatedRepliesIT {

	private static final String INDEX = "replies-related-it";

	private static final String PORTAL = "http://portal.test/";

	static Services services;

	static SearchClient search;

	@BeforeAll
	static void indexTheCorpusAndItsLinks() throws IOException {
		List<ReplyIndexer.Incoming> replies = new ArrayList<>(CorpusReplies.publicSite());
		replies.addAll(CorpusReplies.of(TestCorpus.LINKS, PORTAL,
				List.of("t20240724_6120701.html", "t20240719_6004402.html", "republished.html")));
		services = new Services(INDEX);
		search = new SearchClient(Services.port(services.startSearchOver(replies)));
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void theOtherAnswersToTheSameSubmissionComeFirst() {
		JsonNode items = related(id(PORTAL + "t20240724_6120701.html"), 10);

		assertThat(relation(items.get(0))).isEqualTo("SAME_SUBMISSION");
		assertThat(relation(items.get(1))).isEqualTo("SAME_SUBMISSION");
		assertThat(Set.of(url(items.get(0)), url(items.get(1)))).containsExactlyInAnyOrder(
				"http://demo.test/jytabl/rddbjy/202407/t20240721_5455810.html", PORTAL + "t20240719_6004402.html");
		assertThat(items).hasSize(10);
		for (int i = 2; i < items.size(); i++) {
			assertThat(relation(items.get(i))).as("item " + i).isEqualTo("SIMILAR");
		}
	}

	@Test
	void aRepublishedCopyAndItsOriginalAreEachOthersNearDuplicates() {
		String copy = id(PORTAL + "republished.html");
		String original = id("http://demo.test/jytabl/rddbjy/202405/t20240503_4038713.html");

		assertThat(related(original, 5)).anySatisfy(item -> {
			assertThat(relation(item)).isEqualTo("NEAR_DUPLICATE");
			assertThat(item.get("reply").get("id").asText()).isEqualTo(copy);
		});
		assertThat(related(copy, 5)).anySatisfy(item -> {
			assertThat(relation(item)).isEqualTo("NEAR_DUPLICATE");
			assertThat(item.get("reply").get("id").asText()).isEqualTo(original);
		});
	}

	@Test
	void statisticsCountARepublishedCopyOnce() {
		long replies = SearchClient.json(search.get("/api/replies?size=1"), 200).get("total").asLong();

		assertThat(SearchClient.json(search.get("/api/stats"), 200).get("total").asLong()).isEqualTo(replies - 1);
	}

	@Test
	void neverListsTheReplyItselfOrOneReplyTwice() {
		String id = id(PORTAL + "t20240724_6120701.html");
		Set<String> ids = new HashSet<>();
		for (JsonNode item : related(id, 30)) {
			assertThat(ids.add(item.get("reply").get("id").asText())).isTrue();
		}
		assertThat(ids).doesNotContain(id).hasSize(30);
	}

	@Test
	void anUnknownReplyIs404AndABadSizeIs400() {
		assertThat(search.get("/api/replies/0123456789abcdef0123456789abcdef/related").statusCode()).isEqualTo(404);
		assertThat(search.get("/api/replies/" + id(PORTAL + "republished.html") + "/related?size=0").statusCode())
			.isEqualTo(400);
	}

	private static JsonNode related(String id, int size) {
		return SearchClient.json(search.get("/api/replies/" + id + "/related?size=" + size), 200).get("items");
	}

	private static String id(String url) {
		JsonNode found = SearchClient.json(search.get("/api/replies?size=100"), 200);
		for (JsonNode item : found.get("items")) {
			for (JsonNode u : item.get("urls")) {
				if (u.asText().equals(url)) {
					return item.get("id").asText();
				}
			}
		}
		throw new AssertionError("no reply at " + url);
	}

	private static String relation(JsonNode item) {
		return item.get("relation").asText();
	}

	private static String url(JsonNode item) {
		return item.get("reply").get("urls").get(0).asText();
	}

}
