package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerTest {

	private static final String LETTER = """
			民盟浙江省委会：
			　　贵会提出的《关于推动集成电路产业高质量发展的提案》收悉，经研究，现答复如下：
			一、总体情况
			　　我省集成电路产业规模达到1500亿元。您提出的意见对我们的工作具有重要参考价值。
			二、下一步工作
			我们将推进杭州、宁波集成电路产业集聚区建设；加强人才培养。
			　　感谢您对我们工作的关心和支持。
			浙江省经济和信息化厅
			2024年7月28日
			（联系人：张伟，联系电话：0571-87012345）
			抄送：省人大常委会代表工委，省政府办公厅。""";

	@Test
	void isTheLettersOwnSentencesWithoutItsForm() {
		List<Answer.Sentence> answer = Answer.of(LETTER);

		assertThat(answer).extracting(Answer.Sentence::text)
			.containsExactly("一、总体情况", "我省集成电路产业规模达到1500亿元。", "二、下一步工作", "我们将推进杭州、宁波集成电路产业集聚区建设；", "加强人才培养。");
		assertThat(answer).extracting(Answer.Sentence::heading).containsExactly(true, false, true, false, false);
	}

	@Test
	void knowsWhereEachSentenceStandsInTheBody() {
		for (Answer.Sentence sentence : Answer.of(LETTER)) {
			assertThat(LETTER.substring(sentence.start(), sentence.end())).isEqualTo(sentence.text());
		}
	}

	@Test
	void endsAtTheLastSentenceWhateverFollowsIt() {
		assertThat(Answer.of("""
				经研究，我们将加快建设。
				上海市科学技术委员会
				2024年6月21日""")).extracting(Answer.Sentence::text).containsExactly("经研究，我们将加快建设。");
		assertThat(Answer.of("我们将加快建设，年内完成")).extracting(Answer.Sentence::text).containsExactly("我们将加快建设，年内完成");
	}

	@Test
	void aLetterWithoutAnAnswerHasNone() {
		assertThat(Answer.of(null)).isEmpty();
		assertThat(Answer.of("")).isEmpty();
		assertThat(Answer.of("张三代表：\n您提出的建议收悉。\n感谢您的关心和支持。\n某某局\n2024年1月2日")).isEmpty();
	}

}
