package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Enrichment;
import dev.dafu.reply.Enrichment.Amount;
import dev.dafu.reply.Enrichment.Percentage;
import dev.dafu.reply.Enrichment.Topic;
import dev.dafu.reply.Fingerprints;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.TestCorpus;
import dev.dafu.text.ChineseSegmenter;

/** The enricher on the real seed reply and the test corpus's replies. */
class ReplyEnricherTest {

	private static final ReplyEnricher ENRICHER = new ReplyEnricher(new ChineseSegmenter());

	private static final Reply SEED = CorpusReplies.seed();

	/**
	 * A proposal's answer crawled from a provincial department's site, as it printed it.
	 */
	private static final Enrichment LETTER = ENRICHER.enrich(CorpusReplies.parse("http://zjjxt.test/a.html", """
			<html><head><meta charset="utf-8"></head><body><div>
			<h1>对省政协十三届二次会议第0456号提案的答复</h1>
			<p>民盟浙江省委会：</p>
			<p>贵会提出的《关于推动集成电路产业高质量发展的提案》收悉，经研究，现答复如下：</p>
			<p>我省集成电路产业规模2023年达到1500亿元，同比增长12.1%。贵会的意见具有重要参考价值。</p>
			<p>我们将推进杭州、宁波集成电路产业集聚区建设，加强人才培养。</p>
			<p>感谢贵会对我们工作的关心和支持。</p>
			<p>浙江省经济和信息化厅</p>
			<p>2024年7月28日</p>
			<p>（联系人：张伟，联系电话：0571-87012345）</p>
			<p>抄送：省人大常委会代表工委，省政府办公厅。</p>
			</div></body></html>""".getBytes(StandardCharsets.UTF_8))).reply().enrichment();

	private final Enrichment seed = ENRICHER.enrich(SEED).reply().enrichment();

	@Test
	void keepsTheReplyAndAddsItsWordsWithDictionaryTermsWhole() {
		EnrichedReply enriched = ENRICHER.enrich(SEED);

		assertThat(enriched.reply().withEnrichment(null)).isEqualTo(SEED);
		assertThat(enriched.words().body().split(" ")).contains("世界", "影响力", "揭榜挂帅", "探索者计划", "基础研究先行区", "科创板",
				"市经济信息化委");
		assertThat(enriched.words().title()).contains("代表").contains("建议");
	}

	@Test
	void findsTheSeedsMoneyNormalisedToYuanWithItsPrintedText() {
		assertThat(this.seed.amounts()).contains(new Amount("528.1亿元", 52_810_000_000L),
				new Amount("265.3亿元", 26_530_000_000L), new Amount("9300亿元", 930_000_000_000L));
	}

	@Test
	void findsTheSeedsPercentagesYearsOrganisationsAndPeople() {
		Enrichment.Entities entities = this.seed.entities();

		assertThat(entities.percentages()).extracting(Enrichment.Percentage::text).contains("26.2%", "4.4%", "36.7%");
		assertThat(entities.years()).contains(2022, 2023, 2024, 2027).doesNotContain(2030);
		assertThat(entities.organizations()).contains("张江实验室", "临港实验室", "浦江实验室", "上海市科学技术委员会", "市经济信息化委",
				"市政府办公厅建议提案处");
		assertThat(entities.people()).contains("汪泓", "田春芝");
		assertThat(entities.places()).contains("上海市").doesNotContain("上海");
	}

	@Test
	void putsTheSeedUnderScienceAndInnovationSayingWhy() {
		assertThat(this.seed.topics()).extracting(Topic::name)
			.contains("科技创新", "生物医药", "人工智能")
			.doesNotContain("养老", "教育", "交通");
		assertThat(this.seed.topics().get(0))
			.isEqualTo(this.seed.topics().stream().filter(t -> t.name().equals("科技创新")).findFirst().orElseThrow());
		assertThat(this.seed.topics().get(0).terms()).contains("科技创新", "基础研究");
	}

	@Test
	void picksKeywordsAPersonWouldNotStopWordsOrNumbers() {
		assertThat(this.seed.keywords()).hasSizeBetween(5, 10)
			.doesNotContain("建议", "工作", "代表", "我委", "下一步", "感谢")
			.allSatisfy(k -> assertThat(k).matches(".*\\p{IsHan}.*").hasSizeGreaterThanOrEqualTo(2));
		assertThat(this.seed.keywords()).containsAnyOf("创新", "科技", "基础研究", "科技创新", "产业");
	}

	/**
	 * Keywords say what the answer is about: not the issuer's name in the signature, the
	 * proposer in the salutation, the units copied in or the opening's 收悉.
	 */
	@Test
	void takesKeywordsFromTheAnswerNotTheLettersForm() {
		assertThat(LETTER.keywords()).contains("集成电路", "产业")
			.doesNotContain("收悉", "浙江省", "经济", "信息化", "省委", "民盟", "省人大", "价值", "同比");
	}

	@Test
	void namesAPlaceOnceInFullWhenTheReplyAlsoShortensIt() {
		assertThat(LETTER.entities().places()).contains("浙江省", "杭州", "宁波").doesNotContain("浙江");
	}

	@Test
	void namesADistrictOrTownWithItsUnitWhereTheSegmenterCutsTheUnitOff() {
		Enrichment town = ENRICHER.enrich(CorpusReplies.parse("http://sh.test/b.html", """
				<html><head><meta charset="utf-8"></head><body><div>
				<h1>对市十六届人大二次会议第0789号代表建议的答复</h1><p>张三代表：</p>
				<p>您提出的关于加强社区养老服务的建议收悉，现答复如下：</p>
				<p>浦东新区张江镇和杭州市临安区已建成社区养老服务中心12家。</p>
				<p>上海市民政局</p><p>2024年6月1日</p></div></body></html>""".getBytes(StandardCharsets.UTF_8)))
			.reply()
			.enrichment();

		assertThat(town.entities().places()).contains("浦东新区", "张江镇", "临安区").doesNotContain("浦东", "张江", "临安");
	}

	@Test
	void summarisesTheSeedFromItsAnswerNotItsForm() {
		String summary = this.seed.summary();

		assertThat(summary).isNotBlank().hasSizeLessThanOrEqualTo(400);
		assertThat(summary.split("(?<=[。！？；])")).hasSizeBetween(2, 3);
		assertThat(summary).doesNotContain("收悉", "感谢", "汪泓代表", "联系人", "抄送");
		for (String sentence : summary.split("(?<=[。！？；])")) {
			assertThat(SEED.body()).contains(sentence);
		}
	}

	@Test
	void recordsItsVersionAndGivesTheSameOutputEachTime() {
		assertThat(this.seed.version()).startsWith(ReplyEnricher.CODE_VERSION + "-")
			.contains(ChineseSegmenter.dictionaryVersion());
		assertThat(new ReplyEnricher(new ChineseSegmenter()).enrich(SEED)).isEqualTo(ENRICHER.enrich(SEED));
	}

	/**
	 * One enricher is shared by all of a process's consumers (and the re-enrichment):
	 * each reply gets from it what it gets alone, whatever else is being enriched at
	 * once.
	 */
	@Test
	void sharedByThreadsItGivesEachReplyWhatItGivesAlone() throws Exception {
		List<Reply> replies = corpusReplies();
		List<EnrichedReply> alone = replies.stream().map(ENRICHER::enrich).toList();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<EnrichedReply>>> rounds = new ArrayList<>();
			for (int round = 0; round < 8; round++) {
				rounds.add(threads.submit(() -> replies.stream().map(ENRICHER::enrich).toList()));
			}
			for (Future<List<EnrichedReply>> round : rounds) {
				assertThat(round.get(1, TimeUnit.MINUTES)).isEqualTo(alone);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void everyReplyOfTheCorpusIsEnrichedWithAKeyAFingerprintAndTopics() {
		for (Reply reply : corpusReplies()) {
			Enrichment enrichment = ENRICHER.enrich(reply).reply().enrichment();
			assertThat(enrichment.submissionKey()).as(reply.title())
				.isNotNull()
				.contains(reply.submission().number().replaceFirst("^0+", ""));
			assertThat(enrichment.fingerprint()).as(reply.title()).matches("[0-9a-f]{16}");
			assertThat(enrichment.keywords()).as(reply.title()).isNotEmpty();
			assertThat(enrichment.summary()).as(reply.title()).isNotBlank().doesNotContain("收悉");
		}
	}

	@Test
	void theRepliesToOneSubmissionShareAKeyAndNoOtherReplyHasIt() {
		List<Reply> sameSubmission = List.of(
				CorpusReplies.page(TestCorpus.PUBLIC, "/jytabl/rddbjy/202407/t20240721_5455810.html"),
				CorpusReplies.page(TestCorpus.LINKS, "/t20240724_6120701.html"),
				CorpusReplies.page(TestCorpus.LINKS, "/t20240719_6004402.html"));

		List<String> keys = sameSubmission.stream()
			.map(r -> ENRICHER.enrich(r).reply().enrichment().submissionKey())
			.toList();

		assertThat(keys).containsOnly("上海市|市十六届人大二次会议|SUGGESTION|1026");
		assertThat(sameSubmission).extracting(Reply::issuer).doesNotHaveDuplicates();
		assertThat(this.seed.submissionKey()).isEqualTo("上海市|市十六届人大二次会议|SUGGESTION|671");
	}

	@Test
	void aRepublishedCopyIsNearItsOriginalAndFarFromOtherReplies() {
		Reply original = CorpusReplies.page(TestCorpus.PUBLIC, "/jytabl/rddbjy/202405/t20240503_4038713.html");
		Reply copy = CorpusReplies.page(TestCorpus.LINKS, "/republished.html");
		String originalPrint = ENRICHER.enrich(original).reply().enrichment().fingerprint();
		String copyPrint = ENRICHER.enrich(copy).reply().enrichment().fingerprint();

		assertThat(copy.id()).isNotEqualTo(original.id());
		assertThat(Fingerprints.distance(originalPrint, copyPrint)).isLessThanOrEqualTo(Fingerprints.NEAR);
		assertThat(ENRICHER.enrich(copy).reply().enrichment().submissionKey())
			.isEqualTo(ENRICHER.enrich(original).reply().enrichment().submissionKey());
		TestCorpus.PUBLIC.expected().get("replies").valueStream().forEach(r -> {
			Reply other = CorpusReplies.page(TestCorpus.PUBLIC, r.get("urls").get(0).asText());
			if (!other.id().equals(original.id())) {
				String otherPrint = ENRICHER.enrich(other).reply().enrichment().fingerprint();
				assertThat(Fingerprints.distance(originalPrint, otherPrint)).as(other.title())
					.isGreaterThan(Fingerprints.NEAR);
			}
		});
	}

	@Test
	void aPlaceOrNameRightBeforeAnInstitutionsWordNamesAnOrganisation() {
		Reply reply = SEED.withBody("由临港研究院牵头，会同浦东医院推进。临港的研究院建设有序。");

		List<String> organizations = ENRICHER.enrich(reply).reply().enrichment().entities().organizations();

		assertThat(organizations).contains("临港研究院", "浦东医院").doesNotContain("临港的研究院", "临港研究院建设");
	}

	@Test
	void readsFiguresPrintedFullWidthAsWordPrintsThem() {
		Reply reply = SEED.withBody("２０２３年，财政科技支出５２８.１亿元，同比增长２６.２％。");

		Enrichment enrichment = ENRICHER.enrich(reply).reply().enrichment();

		assertThat(enrichment.amounts()).containsExactly(new Amount("５２８.１亿元", 52_810_000_000L));
		assertThat(enrichment.entities().percentages()).extracting(Percentage::value).containsExactly(26.2);
		assertThat(enrichment.entities().years()).containsExactly(2023);
	}

	@Test
	void aReplyWithoutABodyIsEnrichedAsFarAsItCanBe() {
		Reply empty = SEED.withBody("");

		Enrichment enrichment = ENRICHER.enrich(empty).reply().enrichment();

		assertThat(enrichment.summary()).isNull();
		assertThat(enrichment.fingerprint()).isNull();
		assertThat(enrichment.amounts()).isEmpty();
		assertThat(enrichment.submissionKey()).isEqualTo(this.seed.submissionKey());
		assertThat(enrichment.entities().organizations()).contains("上海市科学技术委员会");
	}

	@Test
	void aBodyOfAMegabyteIsEnrichedWhole() {
		StringBuilder body = new StringBuilder();
		while (body.length() < 1024 * 1024 / 3) {
			body.append(SEED.body()).append('\n');
		}

		EnrichedReply enriched = ENRICHER.enrich(SEED.withBody(body.toString()));

		assertThat(enriched.reply().enrichment().amounts()).hasSizeGreaterThan(this.seed.amounts().size());
		assertThat(enriched.reply().enrichment().summary()).isNotBlank();
		assertThat(enriched.words().body()).contains("揭榜挂帅");
	}

	@Test
	void textInNoScriptItKnowsGivesNoWordsButKeepsTheReply() {
		Reply foreign = SEED.withBody("Ответ на предложение депутата. ☃☃☃ \u0000\uFFFD 𝔘𝔫𝔦𝔠𝔬𝔡𝔢");

		EnrichedReply enriched = ENRICHER.enrich(foreign);

		assertThat(enriched.reply().body()).isEqualTo(foreign.body());
		String named = foreign.title() + foreign.submission().subject();
		assertThat(enriched.reply().enrichment().topics()).as("topics only from the title and the submission's title")
			.allSatisfy(topic -> assertThat(topic.terms()).allSatisfy(term -> assertThat(named).contains(term)));
		assertThat(enriched.reply().enrichment().amounts()).isEmpty();
		assertThat(enriched.words().body()).doesNotContain("☃");
	}

	/** The public corpus's replies, as the parser reads them. */
	private static List<Reply> corpusReplies() {
		return TestCorpus.PUBLIC.expected()
			.get("replies")
			.valueStream()
			.map(r -> CorpusReplies.page(TestCorpus.PUBLIC, r.get("urls").get(0).asText()))
			.toList();
	}

}
