package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;

/**
 * What a search user types to find one reply, for every reply of the public corpus: its
 * document number, its submission number, a phrase only its body has, and the words of
 * its suggestion's own title (关于推动…的建议 → 推动…). Each must put it in the top 3. The replies
 * are parsed and enriched as the pipeline does, and indexed into a real Elasticsearch,
 * next to a distractor for each: another unit's reply to another submission whose body
 * repeats those words, as replies on related matters do.
 */
@ExtendWith(RealServers.class)
class SearchRelevanceIT {

	private static final String INDEX = "replies-relevance-it";

	/** The floor of the mean nDCG@10 the judged topic queries must keep. */
	private static final double MIN_NDCG = 0.95;

	private static final String DISTRACTOR_ISSUER = "某区发展和改革委员会";

	private static final JsonNode EXPECTED = TestCorpus.PUBLIC.expected();

	static Services services;

	static SearchClient search;

	@BeforeAll
	static void indexThePublicCorpus() throws IOException {
		List<ReplyIndexer.Incoming> incoming = new ArrayList<>(CorpusReplies.publicSite());
		int n = 0;
		for (JsonNode expected : EXPECTED.get("replies")) {
			String words = subjectWords(expected.get("submission").get("subject").asText());
			n++;
			Reply distractor = SearchApiIT.reply(DISTRACTOR_ISSUER, "某发改复〔2024〕" + n + "号",
					"关于区政协五届三次会议第" + (9000 + n) + "号提案的答复", LocalDate.of(2024, 5, 1),
					"近年来，我委持续" + words + "，" + words + "取得积极成效。下一步，我委将继续" + words + "。");
			incoming.add(new ReplyIndexer.Incoming(CorpusReplies.ENRICHER.enrich(distractor), null));
		}
		services = new Services(INDEX);
		search = new SearchClient(Services.port(services.startSearchOver(incoming)));
	}

	@AfterAll
	static void stop() {
		if (services != null) {
			services.close();
		}
	}

	@Test
	void everyReplysDocumentNumberFindsItFirst() {
		assertEveryReplyFound(expected -> expected.get("documentNumber").asText(), 1);
	}

	@Test
	void everyReplysSubmissionNumberFindsItInTheTop3() {
		assertEveryReplyFound(expected -> expected.get("submission").get("number").asText(), 3);
	}

	@Test
	void aPhraseOnlyItsBodyHasFindsEveryReplyFirst() {
		assertEveryReplyFound(expected -> expected.get("bodyPhrases").get(1).asText(), 1);
	}

	@Test
	void theWordsOfItsSuggestionsOwnTitleFindEveryReplyInTheTop3AboveRepliesThatOnlyMentionThem() {
		assertEveryReplyFound(expected -> subjectWords(expected.get("submission").get("subject").asText()), 3);
	}

	/**
	 * nDCG@10 over the judged topic queries ({@code relevance/topic-judgments.tsv}): for
	 * each, the replies that answer a suggestion on the topic (grade 2) and those with a
	 * section on it (grade 1) should lead, above replies that only mention it and the
	 * distractors. Prints every query's score and the mean.
	 */
	@Test
	void judgedTopicQueriesPutTheRelevantRepliesFirst() throws IOException {
		Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
		try (var lines = new BufferedReader(
				new InputStreamReader(SearchRelevanceIT.class.getResourceAsStream("/relevance/topic-judgments.tsv"),
						StandardCharsets.UTF_8))) {
			lines.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
				String[] fields = line.split("\t");
				judged.computeIfAbsent(fields[0], query -> new LinkedHashMap<>())
					.put("http://demo.test" + fields[2], Integer.parseInt(fields[1]));
			});
		}
		double sum = 0;
		StringBuilder report = new StringBuilder();
		for (Map.Entry<String, Map<String, Integer>> query : judged.entrySet()) {
			JsonNode page = SearchClient.json(
					search.get("/api/replies?size=10&q=" + URLEncoder.encode(query.getKey(), StandardCharsets.UTF_8)),
					200);
			List<Integer> grades = new ArrayList<>();
			for (JsonNode item : page.get("items")) {
				grades.add(grade(item, query.getValue()));
			}
			double ndcg = dcg(grades)
					/ dcg(query.getValue().values().stream().sorted(Comparator.reverseOrder()).toList());
			sum += ndcg;
			report.append(String.format("%.3f %s%n", ndcg, query.getKey()));
		}
		double mean = sum / judged.size();
		System.out.printf("nDCG@10 over %d judged topic queries: mean %.3f%n%s", judged.size(), mean, report);
		assertThat(judged).hasSizeGreaterThanOrEqualTo(30);
		assertThat(mean).isGreaterThanOrEqualTo(MIN_NDCG);
	}

	private static int grade(JsonNode item, Map<String, Integer> judged) {
		int grade = 0;
		for (JsonNode url : item.get("urls")) {
			grade = Math.max(grade, judged.getOrDefault(url.asText(), 0));
		}
		return grade;
	}

	/** Discounted cumulative gain of the first ten grades. */
	private static double dcg(List<Integer> grades) {
		double dcg = 0;
		for (int i = 0; i < Math.min(10, grades.size()); i++) {
			dcg += (Math.pow(2, grades.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
		}
		return dcg;
	}

	/** {@code 关于推动社区嵌入式养老服务的提案} as a user types it: {@code 推动社区嵌入式养老服务}. */
	static String subjectWords(String subject) {
		return subject.replaceFirst("^关于", "").replaceFirst("的(建议|提案|议案)$", "");
	}

	/**
	 * Asserts that every corpus reply's {@code query} finds it in the {@code top}
	 * results, above every distractor.
	 */
	private static void assertEveryReplyFound(java.util.function.Function<JsonNode, String> query, int top) {
		Map<String, String> misses = new LinkedHashMap<>();
		for (JsonNode expected : EXPECTED.get("replies")) {
			String q = query.apply(expected);
			String url = "http://demo.test" + expected.get("urls").get(0).asText();
			JsonNode page = SearchClient.json(
					search.get("/api/replies?size=" + top + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)), 200);
			List<String> urls = new ArrayList<>();
			for (JsonNode item : page.get("items")) {
				if (item.get("issuer").asText().equals(DISTRACTOR_ISSUER)) {
					break;
				}
				item.get("urls").forEach(u -> urls.add(u.asText()));
			}
			if (!urls.contains(url)) {
				misses.put(q, url);
			}
		}
		assertThat(misses).as("queries that did not find their reply in the top " + top).isEmpty();
	}

}
