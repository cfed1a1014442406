package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter;

class ReplyEnricherTest {

	@Test
	void keepsTheReplyAndAddsItsWords() {
		Reply reply = new Reply("id-1", List.of("http://example.test/a.html"), null, "demo", "对市十六届人大二次会议第0671号代表建议的答复",
				"沪科建复〔2024〕34号", "上海市科学技术委员会", null, null, null, LocalDate.of(2024, 6, 21), null, null, null, null,
				"打造具有世界影响力科技创新中心", null, "0.1.0", null, null, null);

		EnrichedReply enriched = new ReplyEnricher(new ChineseSegmenter()).enrich(reply);

		assertThat(enriched.reply()).isEqualTo(reply);
		assertThat(enriched.words().body().split(" ")).contains("世界", "影响力");
		assertThat(enriched.words().title()).contains("代表").contains("建议");
	}

}
