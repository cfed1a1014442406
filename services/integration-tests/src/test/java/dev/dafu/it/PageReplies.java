package dev.dafu.it;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.indexer.ReplyIndexer;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.text.ChineseSegmenter;

/**
 * The replies the page tests read: a lead unit's reply and a co-handler's to one
 * suggestion, a proposal's, and one whose title and body carry markup.
 */
final class PageReplies {

	static final Submission SCIENCE_SUGGESTION = new Submission(Submission.Kind.SUGGESTION, "0671", "市十六届人大二次会议",
			"关于加快建设具有全球影响力的科技创新中心的建议", List.of("张三", "李四"));

	static final Reply SCIENCE = SearchApiIT.reply("上海市科学技术委员会", "沪科建复〔2024〕34号", "对市十六届人大二次会议 第0671号代表建议的答复",
			LocalDate.of(2024, 6, 21), SCIENCE_SUGGESTION, "A", "打造具有世界影响力的科技创新中心，加快科学基础研究实现全球突破。");

	static final Reply CO_HANDLER = SearchApiIT.reply("上海市经济和信息化委员会", "沪经信建〔2024〕12号", "对市十六届人大二次会议第0671号代表建议的会办意见",
			LocalDate.of(2024, 6, 10), SCIENCE_SUGGESTION, "B", "支持集成电路和人工智能产业发展，推进科技成果转化。");

	static final Reply HOUSING = SearchApiIT.reply("河南省住房和城乡建设厅", "豫建建复字〔2023〕第152号", "关于省政协十三届一次会议第1010号提案的答复",
			LocalDate.of(2023, 5, 18),
			new Submission(Submission.Kind.PROPOSAL, "1010", "省政协十三届一次会议", null, List.of("民盟河南省委")), "B",
			"推进社区嵌入式养老服务设施建设，发展智慧养老。");

	static final Reply HOSTILE = SearchApiIT.reply("上海市民政局", "沪民建〔2024〕5号", "关于<script>alert(1)</script>养老驿站的答复",
			LocalDate.of(2024, 3, 1), "养老驿站<script>document.title='pwned'</script><img src=x onerror=alert(2)>建设情况。");

	private PageReplies() {
	}

	/** All of them, enriched, as the indexer takes them. */
	static List<ReplyIndexer.Incoming> indexed() {
		ReplyEnricher enricher = new ReplyEnricher(new ChineseSegmenter());
		return Stream.of(SCIENCE, CO_HANDLER, HOUSING, HOSTILE)
			.map(reply -> new ReplyIndexer.Incoming(enricher.enrich(reply), null))
			.toList();
	}

}
