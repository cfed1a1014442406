package dev.dafu.crawler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;

import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.reply.PageOutcome;
import dev.dafu.reply.Sha256;

/**
 * What the parser made of the pages each crawl sent (from {@code crawl.pages.outcomes}),
 * one document a crawl and page in {@code dafu-page-outcomes}, so that writing one again
 * (a redelivery, a replay after a parser fix) replaces it and every crawler instance sees
 * the same. Tallied per crawl when an operator looks: pages read, replies, pages that
 * were no reply, dead letters, and the commonest reasons with an example page each.
 */
class PageOutcomes {

	static final String INDEX = "dafu-page-outcomes";

	/** The reasons shown, commonest first. */
	private static final int TOP_REASONS = 5;

	/** Counts of distinct replies are exact below this many. */
	private static final int EXACT_UP_TO = 40_000;

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	private final ElasticsearchDocuments<Stored> documents;

	private final ElasticsearchClient client;

	PageOutcomes(ElasticsearchDocuments<Stored> documents, ElasticsearchClient client) {
		this.documents = documents;
		this.client = client;
	}

	static ElasticsearchDocuments<Stored> documents(ElasticsearchClient client) {
		return new ElasticsearchDocuments<>(client, INDEX, Stored.class, false);
	}

	/**
	 * Records what became of one page (with its crawl, URL and result); the last word on
	 * a page wins.
	 */
	void record(PageOutcome outcome) {
		this.documents.put(Sha256.hex(outcome.crawlId() + " " + outcome.url()).substring(0, 40),
				new Stored(outcome.crawlId(), outcome.url(), outcome.site(), outcome.result(), outcome.replyIds(),
						outcome.reason(), reasonKey(outcome), outcome.extractorVersion(), outcome.parsedAt()));
	}

	/**
	 * How a reason is counted: with its result, its URLs and numbers set aside, so that
	 * {@code page is 12 582 912 bytes …} of two pages is one reason.
	 */
	private static String reasonKey(PageOutcome outcome) {
		if (outcome.result() == PageOutcome.Result.REPLIES) {
			return null;
		}
		String reason = outcome.reason() == null ? "" : outcome.reason();
		return outcome.result() + " " + NUMBER.matcher(URL.matcher(reason).replaceAll("…")).replaceAll("N");
	}

	/** The tally of each of {@code crawlIds} that has outcomes. */
	Map<String, Tally> tally(Collection<String> crawlIds) {
		Map<String, Tally> tallies = new HashMap<>();
		if (crawlIds.isEmpty()) {
			return tallies;
		}
		SearchResponse<Void> response;
		try {
			response = this.client.search(
					s -> s.index(INDEX)
						.size(0)
						.query(q -> q.terms(t -> t.field("crawlId")
							.terms(v -> v.value(crawlIds.stream().map(FieldValue::of).toList()))))
						.aggregations("crawls", crawls -> crawls.terms(t -> t.field("crawlId").size(crawlIds.size()))
							.aggregations("results", results -> results.terms(t -> t.field("result")))
							.aggregations("replies",
									replies -> replies
										.cardinality(c -> c.field("replyIds").precisionThreshold(EXACT_UP_TO)))
							.aggregations("reasons",
									reasons -> reasons.terms(t -> t.field("reasonKey").size(TOP_REASONS))
										.aggregations("example", example -> example.topHits(h -> h.size(1)
											.sort(o -> o.field(f -> f.field("parsedAt")))
											.source(src -> src.filter(f -> f.includes("url", "reason", "result"))))))),
					Void.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (StringTermsBucket crawl : response.aggregations().get("crawls").sterms().buckets().array()) {
			Map<String, Long> results = new HashMap<>();
			crawl.aggregations()
				.get("results")
				.sterms()
				.buckets()
				.array()
				.forEach(bucket -> results.put(bucket.key().stringValue(), bucket.docCount()));
			List<Reason> reasons = new ArrayList<>();
			for (StringTermsBucket reason : crawl.aggregations().get("reasons").sterms().buckets().array()) {
				Aggregate example = reason.aggregations().get("example");
				Hit<JsonData> hit = example.topHits().hits().hits().get(0);
				Map<?, ?> source = hit.source().to(Map.class);
				reasons.add(new Reason(PageOutcome.Result.valueOf(String.valueOf(source.get("result"))),
						(String) source.get("reason"), reason.docCount(), (String) source.get("url")));
			}
			long read = results.values().stream().mapToLong(Long::longValue).sum();
			tallies.put(crawl.key().stringValue(),
					new Tally(read, (long) crawl.aggregations().get("replies").cardinality().value(),
							results.getOrDefault(PageOutcome.Result.REPLIES.name(), 0L),
							results.getOrDefault(PageOutcome.Result.NOT_A_REPLY.name(), 0L),
							results.getOrDefault(PageOutcome.Result.DEAD_LETTERED.name(), 0L), reasons));
		}
		return tallies;
	}

	/** One page's outcome as stored, with the key its reason is counted under. */
	record Stored(String crawlId, String url, String site, PageOutcome.Result result, List<String> replyIds,
			String reason, String reasonKey, String extractorVersion, Instant parsedAt) {
	}

	/**
	 * What the parser made of a crawl's pages so far.
	 *
	 * @param pagesRead pages the parser has read
	 * @param replies distinct replies read from them, on their way to search
	 * @param pagesWithReplies pages that held one or more replies
	 * @param notReplies pages that held none (news, notices, lists)
	 * @param deadLettered pages that look like replies but could not be read, on the
	 * dead-letter topic
	 * @param reasons the commonest reasons pages gave no reply, with an example each
	 */
	record Tally(long pagesRead, long replies, long pagesWithReplies, long notReplies, long deadLettered,
			List<Reason> reasons) {

		static final Tally NONE = new Tally(0, 0, 0, 0, 0, List.of());

	}

	/**
	 * A reason pages gave no reply.
	 *
	 * @param result not a reply, or dead-lettered
	 * @param reason why, as the parser said it of the example
	 * @param pages how many pages gave it
	 * @param exampleUrl one of them
	 */
	record Reason(PageOutcome.Result result, String reason, long pages, String exampleUrl) {
	}

}
