package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dafu.elasticsearch.ElasticsearchClientConfiguration;
import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.ReplyChange;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.testsupport.RealServers;
import dev.dafu.testsupport.TestCorpus;
import dev.dafu.text.ChineseSegmenter;

/**
 * The indexer's writes against a real Elasticsearch: idempotent, merging, on the
 * checked-in mapping, and that an index made by an older version gains what the template
 * added.
 */
@ExtendWith(RealServers.class)
class ReplyIndexerIT {

	private static final String INDEX = "replies-indexer-it";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	static ConfigurableApplicationContext context;

	static ElasticsearchClient elasticsearch;

	static ReplyIndexer indexer;

	private static final AtomicLong offsets = new AtomicLong();

	private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

	private static final Instant TUESDAY = Instant.parse("2026-12-01T08:00:00Z");

	private static final Instant WEDNESDAY = Instant.parse("2026-12-02T08:00:00Z");

	@BeforeAll
	static void createIndex() throws IOException {
		context = new SpringApplicationBuilder(ElasticsearchClientConfiguration.class).web(WebApplicationType.NONE)
			.run("--dafu.elasticsearch.uris=" + RealServers.elasticsearchUri(), "--dafu.elasticsearch.index=" + INDEX);
		elasticsearch = context.getBean(ElasticsearchClient.class);
		ReplyIndex index = context.getBean(ReplyIndex.class);
		index.createOrUpdate();
		index.createOrUpdate();
		indexer = new ReplyIndexer(elasticsearch, index, new SimpleMeterRegistry());
	}

	@AfterAll
	static void close() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void indexingTheSameReplyAgainChangesNothing() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕7号", "关于第7号建议的答复", LocalDate.of(2024, 3, 1), "正文。");

		assertThat(index(reply, nextRecord())).isPresent();
		assertThat(index(reply, nextRecord())).isEmpty();
	}

	@Test
	void theSameReplyUnderAnotherUrlIsMergedAndAChangedReplyIsAnUpdate() throws IOException {
		Reply first = SearchApiIT.reply("海关总署", "署建复〔2024〕1号", "关于第1号建议的答复", LocalDate.of(2024, 1, 2), "第一版正文。");
		Reply elsewhere = first.withUrls(List.of("http://mirror.test/1.html"));
		Reply corrected = first.withBody("更正后的正文。");

		ReplyChange created = index(first, nextRecord()).orElseThrow();
		ReplyChange merged = index(elsewhere, nextRecord()).orElseThrow();
		ReplyChange changed = index(corrected, nextRecord()).orElseThrow();

		assertThat(created.kind()).isEqualTo(ReplyChange.Kind.CREATED);
		assertThat(merged.kind()).isEqualTo(ReplyChange.Kind.UPDATED);
		assertThat(merged.reply().urls()).containsExactly(first.urls().get(0), "http://mirror.test/1.html");
		assertThat(changed.kind()).isEqualTo(ReplyChange.Kind.UPDATED);
		assertThat(changed.reply().body()).isEqualTo("更正后的正文。");
		assertThat(changed.reply().urls()).hasSize(2);
		assertThat(changed.contentHash()).isNotEqualTo(merged.contentHash());
	}

	@Test
	void aReplyGoneFromEveryUrlIsWithdrawnAndComesBackWhenAPageServesItAgain() throws IOException {
		Reply first = SearchApiIT.reply("海关总署", "署建复〔2024〕5号", "关于第5号建议的答复", LocalDate.of(2024, 5, 2), "正文。");
		String mirror = "http://mirror.test/5.html";
		index(first, nextRecord());
		index(first.withUrls(List.of(mirror)), nextRecord());
		Instant goneAt = Instant.parse("2026-11-20T08:00:00Z");

		List<ReplyChange> oneGone = indexer.markGone(new PageGone(mirror, "test", 404, goneAt), nextRecord());
		List<ReplyChange> allGone = indexer.markGone(new PageGone(first.urls().get(0), "test", 410, goneAt),
				nextRecord());
		List<ReplyChange> again = indexer.markGone(new PageGone(mirror, "test", 404, goneAt), nextRecord());
		ReplyChange back = index(first, nextRecord()).orElseThrow();

		assertThat(oneGone).singleElement().satisfies(change -> {
			assertThat(change.kind()).isEqualTo(ReplyChange.Kind.UPDATED);
			assertThat(change.reply().goneUrls()).containsExactly(mirror);
			assertThat(change.reply().withdrawnAt()).isNull();
		});
		assertThat(allGone).singleElement().satisfies(change -> {
			assertThat(change.kind()).isEqualTo(ReplyChange.Kind.WITHDRAWN);
			assertThat(change.reply().goneUrls()).containsExactlyInAnyOrder(mirror, first.urls().get(0));
			assertThat(change.reply().withdrawnAt()).isEqualTo(goneAt);
			assertThat(change.reply().body()).as("the reply itself is kept").isEqualTo("正文。");
		});
		assertThat(again).as("a repeated notice changes nothing").isEmpty();
		assertThat(indexer.markGone(new PageGone("http://nowhere.test/x.html", "test", 404, goneAt), nextRecord()))
			.isEmpty();
		assertThat(back.kind()).isEqualTo(ReplyChange.Kind.UPDATED);
		assertThat(back.reply().goneUrls()).containsExactly(mirror);
		assertThat(back.reply().withdrawnAt()).isNull();
	}

	@Test
	void aRecordRedeliveredAfterItsWriteAnnouncesItsChangeAgainAndNoOtherDoes() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕8号", "关于第8号建议的答复", LocalDate.of(2024, 3, 8), "正文。");
		String record = nextRecord();

		ReplyChange written = index(reply, record).orElseThrow();
		// The process died before the event was sent: the record comes again.
		ReplyChange redelivered = index(reply, record).orElseThrow();

		assertThat(redelivered.kind()).isEqualTo(ReplyChange.Kind.CREATED);
		assertThat(redelivered.contentHash()).as("so its event has the same id").isEqualTo(written.contentHash());
		assertThat(index(reply, nextRecord())).as("another record, the same content").isEmpty();
	}

	@Test
	void aGoneNoticeRedeliveredAfterItsWriteAnnouncesItsChangeAgainAndNoOtherDoes() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕9号", "关于第9号建议的答复", LocalDate.of(2024, 3, 9), "正文。");
		index(reply, nextRecord());
		PageGone gone = new PageGone(reply.urls().get(0), "test", 404, Instant.parse("2026-11-20T08:00:00Z"));
		String record = nextRecord();

		ReplyChange written = indexer.markGone(gone, record).get(0);
		List<ReplyChange> redelivered = indexer.markGone(gone, record);

		assertThat(redelivered).singleElement().satisfies(change -> {
			assertThat(change.kind()).isEqualTo(ReplyChange.Kind.WITHDRAWN);
			assertThat(change.contentHash()).isEqualTo(written.contentHash());
		});
		assertThat(indexer.markGone(gone, nextRecord())).isEmpty();
	}

	@Test
	void aBatchNamingOneReplyTwiceIndexesBothInOrder() throws IOException {
		Reply first = SearchApiIT.reply("海关总署", "署建复〔2024〕11号", "关于第11号建议的答复", LocalDate.of(2024, 3, 11), "正文。");
		Reply elsewhere = first.withUrls(List.of("http://mirror.test/11.html"));

		ReplyIndexer.Outcome outcome = indexer
			.index(List.of(new ReplyIndexer.Incoming(ENRICHER.enrich(first), nextRecord()),
					new ReplyIndexer.Incoming(ENRICHER.enrich(elsewhere), nextRecord())));

		assertThat(outcome.refused()).isNull();
		assertThat(outcome.changes()).extracting(ReplyChange::kind)
			.containsExactly(ReplyChange.Kind.CREATED, ReplyChange.Kind.UPDATED);
		assertThat(outcome.changes().get(1).reply().urls()).containsExactly(first.urls().get(0),
				"http://mirror.test/11.html");
	}

	@Test
	void aRepublishedCopyIsLinkedToTheOriginalIndexedBeforeItAndTheOriginalToNothing() throws IOException {
		String text = realText(true);
		Reply original = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕934号", "关于第934号建议的答复", LocalDate.of(2024, 6, 21),
				text);
		Reply copy = SearchApiIT.reply("上海市科学技术委员会", null, "上海市科学技术委员会：关于第934号建议的答复", LocalDate.of(2024, 6, 21),
				withoutItsLastParagraph(text));
		Reply other = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕935号", "关于第935号建议的答复", LocalDate.of(2024, 6, 22),
				"感谢您对本市科技工作的关心和支持。我委将继续推进科技创新中心建设，加快集成电路和生物医药产业发展。");
		index(original, nextRecord());
		elasticsearch.indices().refresh(r -> r.index(INDEX));

		ReplyChange copied = index(copy, nextRecord()).orElseThrow();
		ReplyChange unrelated = index(other, nextRecord()).orElseThrow();
		elasticsearch.indices().refresh(r -> r.index(INDEX));
		Optional<ReplyChange> originalAgain = index(original.withUrls(List.of("http://mirror.test/934.html")),
				nextRecord());

		assertThat(copy.id()).isNotEqualTo(original.id());
		assertThat(copied.reply().nearDuplicateOf()).isEqualTo(original.id());
		assertThat(indexed(copy.id()).nearDuplicateOf()).isEqualTo(original.id());
		assertThat(unrelated.reply().nearDuplicateOf()).isNull();
		assertThat(originalAgain.orElseThrow().reply().nearDuplicateOf()).as("not its copy's copy").isNull();
	}

	@Test
	void aCopyIndexedRightAfterItsOriginalIsLinkedThoughNoSearchSeesTheOriginalYet() throws IOException {
		Republished pair = Republished.of("938", "市十六届人大九次会议", false);
		Reply original = pair.original();
		Reply copy = pair.copy();
		// A search now: the index is not search-idle, so only its next scheduled refresh
		// shows the original, not the copy's search.
		elasticsearch.count(c -> c.index(INDEX));

		index(original, nextRecord());
		ReplyChange copied = index(copy, nextRecord()).orElseThrow();

		assertThat(copied.reply().nearDuplicateOf()).isEqualTo(original.id());
	}

	@Test
	void anOriginalAndItsCopyIndexedAtOnceByTwoConsumersAreLinkedOneWay() throws Exception {
		ExecutorService consumers = Executors.newFixedThreadPool(2);
		try {
			for (int n = 940; n < 945; n++) {
				Republished pair = Republished.of(Integer.toString(n), "市十六届人大九次会议", n % 2 == 0);
				Reply original = pair.original();
				Reply copy = pair.copy();
				CyclicBarrier together = new CyclicBarrier(2);
				Callable<ReplyChange> first = () -> {
					together.await();
					return index(original, nextRecord()).orElseThrow();
				};
				Callable<ReplyChange> second = () -> {
					together.await();
					return index(copy, nextRecord()).orElseThrow();
				};
				Future<ReplyChange> one = consumers.submit(first);
				Future<ReplyChange> other = consumers.submit(second);

				List<String> links = Arrays.asList(one.get().reply().nearDuplicateOf(),
						other.get().reply().nearDuplicateOf());
				assertThat(links).as("pair %d: one is the other's copy, whichever came first", n)
					.isIn(Arrays.asList(null, original.id()), Arrays.asList(copy.id(), null));
			}
		}
		finally {
			consumers.shutdownNow();
		}
	}

	@Test
	void aReplyThatNamesNoSubmissionIsIndexedAndLinkedToNothing() throws IOException {
		Reply numbered = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕937号", "关于第937号建议的答复", LocalDate.of(2024, 6, 3),
				"全市财政科技支出528.1亿元，张江实验室高质量运行，临港实验室加快建设。");
		Reply unnumbered = new Reply(ReplyIdentity.of("上海市科学技术委员会", null, "关于科技工作的复函"), numbered.urls(), null,
				numbered.site(), "关于科技工作的复函", null, numbered.issuer(), null, null, null, null, null, null, null, null,
				numbered.body(), null, "test", null, null, null, null, null);

		ReplyIndexer.Outcome outcome = indexer.index(Stream.of(numbered, unnumbered)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), nextRecord()))
			.toList());

		assertThat(ENRICHER.enrich(unnumbered).reply().enrichment().fingerprint()).isNotNull();
		assertThat(outcome.refused()).isNull();
		assertThat(outcome.changes()).extracting(change -> change.reply().nearDuplicateOf())
			.containsExactly(null, null);
	}

	@Test
	void aCopyInTheSameBatchAsItsOriginalIsLinkedToIt() throws IOException {
		String text = realText(false);
		Reply original = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕936号", "关于第936号建议的答复", LocalDate.of(2024, 6, 21),
				text);
		Reply copy = SearchApiIT.reply("上海市人民政府门户网站", null, "转载：关于第936号建议的答复", LocalDate.of(2024, 6, 21),
				withoutItsLastParagraph(text));

		ReplyIndexer.Outcome outcome = indexer.index(Stream.of(original, copy)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), nextRecord()))
			.toList());

		assertThat(outcome.changes()).extracting(change -> change.reply().nearDuplicateOf())
			.containsExactly(null, original.id());
	}

	@Test
	void aCopyInALaterRoundOfItsBatchIsLinkedThoughNoSearchSeesItsOriginalYet() throws IOException {
		Republished pair = Republished.of("937", "市十六届人大二次会议", false);
		Reply original = pair.original();
		Reply copy = pair.copy();

		Reply other = SearchApiIT.reply("海关总署", "署建复〔2024〕937号", "关于第937号提案的答复", LocalDate.of(2024, 3, 12), "正文。");

		// Another reply twice (a redelivery) puts the copy in the batch's second round.
		ReplyIndexer.Outcome outcome = indexer.index(Stream.of(original, other, other, copy)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), nextRecord()))
			.toList());

		assertThat(outcome.changes()).filteredOn(change -> change.reply().id().equals(copy.id()))
			.extracting(change -> change.reply().nearDuplicateOf())
			.containsExactly(original.id());
	}

	@Test
	void aReplyElasticsearchRefusesIsNamedAndTheRestOfTheBatchIsIndexed() throws IOException {
		Reply before = SearchApiIT.reply("海关总署", "署建复〔2024〕12号", "关于第12号建议的答复", LocalDate.of(2024, 3, 12), "正文。");
		Reply refused = SearchApiIT.reply("海关总署", "署建复〔2024〕13号", "关于第13号建议的答复", LocalDate.of(2024, 3, 13), "正文。")
			.withUrls(List.of("http://site.test/" + "a".repeat(40_000)));
		Reply after = SearchApiIT.reply("海关总署", "署建复〔2024〕14号", "关于第14号建议的答复", LocalDate.of(2024, 3, 14), "正文。");

		ReplyIndexer.Outcome outcome = indexer.index(Stream.of(before, refused, after)
			.map(reply -> new ReplyIndexer.Incoming(ENRICHER.enrich(reply), nextRecord()))
			.toList());

		assertThat(outcome.refused().index()).isEqualTo(1);
		assertThat(outcome.refused().reason()).startsWith("Elasticsearch refused the reply: ").contains("immense term");
		assertThat(outcome.changes()).extracting(change -> change.reply().id())
			.containsExactly(before.id(), after.id());
	}

	@Test
	void anOlderRecordNeverReplacesTheNewerContentButAddsTheUrlItCameUnder() throws IOException {
		Reply newer = SearchApiIT.reply("海关总署", "署建复〔2024〕21号", "关于第21号建议的答复", LocalDate.of(2024, 3, 21), "更正后的正文。")
			.withFetchedAt(TUESDAY);
		Reply older = newer.withBody("最初的正文。").withFetchedAt(MONDAY);
		String mirror = "http://mirror.test/21.html";

		index(newer, nextRecord());
		Optional<ReplyChange> redelivered = index(older, nextRecord());
		ReplyChange elsewhere = index(older.withUrls(List.of(mirror)), nextRecord()).orElseThrow();

		assertThat(redelivered).as("an older record changes nothing").isEmpty();
		assertThat(elsewhere.kind()).isEqualTo(ReplyChange.Kind.UPDATED);
		assertThat(elsewhere.reply().urls()).containsExactly(newer.urls().get(0), mirror);
		assertThat(elsewhere.reply().body()).isEqualTo("更正后的正文。");
		assertThat(indexed(newer.id()).body()).isEqualTo("更正后的正文。");
		assertThat(indexed(newer.id()).fetchedAt()).isEqualTo(TUESDAY);
	}

	@Test
	void aLaterFetchOfTheSameReplyAnnouncesNothingYetOrdersTheRecordsAfterIt() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕22号", "关于第22号建议的答复", LocalDate.of(2024, 3, 22), "正文。");

		index(reply.withFetchedAt(MONDAY), nextRecord());
		Optional<ReplyChange> fetchedAgain = index(reply.withFetchedAt(WEDNESDAY), nextRecord());
		Optional<ReplyChange> inBetween = index(reply.withBody("旧的正文。").withFetchedAt(TUESDAY), nextRecord());

		assertThat(fetchedAgain).isEmpty();
		assertThat(inBetween).as("fetched before the latest fetch").isEmpty();
		assertThat(indexed(reply.id()).body()).isEqualTo("正文。");
		assertThat(indexed(reply.id()).fetchedAt()).isEqualTo(WEDNESDAY);
	}

	@Test
	void theSamePageReadByANewerParserReplacesTheReply() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕23号", "关于第23号建议的答复", LocalDate.of(2024, 3, 23), "正文。");
		Reply byOlderParser = new Reply(reply.id(), reply.urls(), reply.partUrls(), reply.site(), reply.title(),
				reply.documentNumber(), reply.issuer(), reply.submission(), reply.handlingResult(), reply.disclosure(),
				reply.replyDate(), reply.publishDate(), reply.contact(), reply.cc(), reply.sections(), "正文",
				reply.metadata(), "0.9.0", List.of(), null, MONDAY, null, null);
		Reply byNewerParser = new Reply(reply.id(), reply.urls(), reply.partUrls(), reply.site(), reply.title(),
				reply.documentNumber(), reply.issuer(), reply.submission(), reply.handlingResult(), reply.disclosure(),
				reply.replyDate(), reply.publishDate(), reply.contact(), reply.cc(), reply.sections(), "正文。",
				reply.metadata(), "0.10.0", List.of(), null, MONDAY, null, null);

		index(byNewerParser, nextRecord());
		Optional<ReplyChange> replayed = index(byOlderParser, nextRecord());
		index(reply.withFetchedAt(null), nextRecord());

		assertThat(replayed).isEmpty();
		assertThat(indexed(reply.id()).extractorVersion()).isEqualTo("0.10.0");
		assertThat(indexed(reply.id()).body()).isEqualTo("正文。");
	}

	@Test
	void anOlderRecordDoesNotClearAGoneMarkANewerOneDoes() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕24号", "关于第24号建议的答复", LocalDate.of(2024, 3, 24), "正文。");
		index(reply.withFetchedAt(TUESDAY), nextRecord());
		indexer.markGone(new PageGone(reply.urls().get(0), "test", 404, TUESDAY.plusSeconds(60)), nextRecord());

		Optional<ReplyChange> older = index(reply.withFetchedAt(MONDAY), nextRecord());
		ReplyChange servedAgain = index(reply.withFetchedAt(WEDNESDAY), nextRecord()).orElseThrow();

		assertThat(older).isEmpty();
		assertThat(servedAgain.reply().goneUrls()).isEmpty();
		assertThat(servedAgain.reply().withdrawnAt()).isNull();
	}

	@Test
	void duplicateAndOutOfOrderDeliveryInOneBatchLeaveTheNewestReply() throws IOException {
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕25号", "关于第25号建议的答复", LocalDate.of(2024, 3, 25), "最新的正文。");
		Reply newest = reply.withFetchedAt(WEDNESDAY);
		Reply oldest = reply.withBody("最初的正文。").withFetchedAt(MONDAY);

		ReplyIndexer.Outcome outcome = indexer.index(Stream.of(newest, oldest, newest, oldest)
			.map(record -> new ReplyIndexer.Incoming(ENRICHER.enrich(record), nextRecord()))
			.toList());

		assertThat(outcome.changes()).singleElement()
			.satisfies(change -> assertThat(change.kind()).isEqualTo(ReplyChange.Kind.CREATED));
		assertThat(indexed(reply.id()).body()).isEqualTo("最新的正文。");
	}

	@Test
	void aGoneMarkRacingAReindexOfTheSameReplyLosesNeither() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 10; i++) {
				Reply reply = SearchApiIT.reply("海关总署", "署建复〔2024〕3" + i + "号", "关于第3" + i + "号建议的答复",
						LocalDate.of(2024, 4, 1 + i), "正文。");
				String mirror = "http://mirror.test/3" + i + ".html";
				index(reply.withFetchedAt(MONDAY), nextRecord());
				index(reply.withUrls(List.of(mirror)).withFetchedAt(MONDAY), nextRecord());
				String markRecord = nextRecord();
				String indexRecord = nextRecord();

				Future<?> marked = pool.submit(
						() -> indexer.markGone(new PageGone(mirror, "test", 404, TUESDAY.plusSeconds(60)), markRecord));
				Future<?> reindexed = pool
					.submit(() -> index(reply.withBody("更正后的正文。").withFetchedAt(TUESDAY), indexRecord));
				marked.get();
				reindexed.get();

				Reply indexed = indexed(reply.id());
				assertThat(indexed.body()).isEqualTo("更正后的正文。");
				assertThat(indexed.goneUrls()).containsExactly(mirror);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Half the real seed reply's text, one paragraph a line: up to its fourth section, or
	 * from there on (two texts far apart), each with the closing thanks.
	 */
	/**
	 * A unit's reply to suggestion {@code number} of {@code session} (the real seed's
	 * first or second half) and a portal's copy of it without its last paragraph.
	 */
	private record Republished(Reply original, Reply copy) {

		static Republished of(String number, String session, boolean firstHalf) {
			String text = realText(firstHalf);
			Submission submission = new Submission(Submission.Kind.SUGGESTION, number, session, null, List.of("张三"));
			return new Republished(
					SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕" + number + "号", "关于第" + number + "号建议的答复",
							LocalDate.of(2024, 6, 21), submission, "A", text),
					SearchApiIT.reply("上海市人民政府门户网站", null, "转载：关于第" + number + "号建议的答复", LocalDate.of(2024, 6, 21),
							submission, "A", withoutItsLastParagraph(text)));
		}

	}

	private static String realText(boolean firstHalf) {
		String text = String.join("\n", TestCorpus.realParagraphs("stcsm-2024-34.txt"));
		int fourth = text.indexOf("（四）");
		int thanks = text.indexOf("感谢您对本市科技工作");
		return (firstHalf ? text.substring(0, fourth) : text.substring(fourth, thanks)) + text.substring(thanks);
	}

	private static String withoutItsLastParagraph(String text) {
		String answer = text.substring(0, text.indexOf("感谢您对本市科技工作"));
		return answer.substring(0, answer.strip().lastIndexOf('\n')) + text.substring(answer.length());
	}

	private static Reply indexed(String id) throws IOException {
		return elasticsearch.get(g -> g.index(INDEX).id(id), Reply.class).source();
	}

	@Test
	void theLiveMappingIsTheCheckedInTemplate() throws IOException {
		JsonNode template = templateMappings();
		JsonNode live = liveMapping(INDEX);

		assertThat(live.get("dynamic").asText()).isEqualTo(template.get("dynamic").asText());
		assertThat(live.get("properties")).isEqualTo(template.get("properties"));
	}

	@Test
	void anIndexMadeByAnOlderVersionMovesBehindTheAliasGainsTheNewFieldsAndItsDocumentsAreSearchableByThem()
			throws IOException {
		String old = "upgrade-it";
		ObjectNode olderMapping = templateMappings().deepCopy();
		((ObjectNode) olderMapping.at("/properties/documentNumber")).remove("fields");
		elasticsearch.indices()
			.create(c -> c.index(old).mappings(m -> m.withJson(new StringReader(olderMapping.toString()))));
		ReplyIndex index = new ReplyIndex(elasticsearch, old);
		Reply reply = SearchApiIT.reply("海关总署", "署建复〔2023〕9号", "关于第9号建议的答复", LocalDate.of(2023, 3, 1), "正文。");
		new ReplyIndexer(elasticsearch, index, new SimpleMeterRegistry())
			.index(List.of(new ReplyIndexer.Incoming(ENRICHER.enrich(reply), nextRecord())));

		index.createOrUpdate();

		assertThat(index.currentIndex()).as("moved behind an alias").isEqualTo(old + "-1");
		assertThat(elasticsearch.indices().existsAlias(a -> a.name(old)).value()).isTrue();
		assertThat(liveMapping(old).get("properties")).isEqualTo(templateMappings().get("properties"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			elasticsearch.indices().refresh(r -> r.index(old));
			long hits = elasticsearch
				.count(c -> c.index(old).query(q -> q.matchPhrase(m -> m.field("documentNumber.text").query("署建复"))))
				.count();
			assertThat(hits).isEqualTo(1);
		});
	}

	private static JsonNode templateMappings() throws IOException {
		try (InputStream in = ReplyIndexerIT.class
			.getResourceAsStream("/schemas/elasticsearch/replies.index-template.json")) {
			return JSON.readTree(in).at("/template/mappings");
		}
	}

	/** The mapping of {@code index}, or of the index behind the alias {@code index}. */
	private static JsonNode liveMapping(String index) throws IOException {
		String mapping = elasticsearch.indices()
			.getMapping(m -> m.index(index))
			.result()
			.values()
			.iterator()
			.next()
			.mappings()
			.toString();
		return JSON.readTree(mapping.substring(mapping.indexOf('{')));
	}

	/** Indexes {@code reply} alone, as a batch of one. */
	private static Optional<ReplyChange> index(Reply reply, String source) throws IOException {
		ReplyIndexer.Outcome outcome = indexer
			.index(List.of(new ReplyIndexer.Incoming(ENRICHER.enrich(reply), source)));
		assertThat(outcome.refused()).isNull();
		return outcome.changes().stream().findFirst();
	}

	/** A new input record, as the indexer's bindings name one. */
	private static String nextRecord() {
		return "replies.enriched/0@" + offsets.incrementAndGet();
	}

}
