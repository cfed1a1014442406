package dev.dafu.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChineseSegmenterTest {

	private final ChineseSegmenter segmenter = new ChineseSegmenter();

	@Test
	void cutsChineseIntoWordsAndDropsPunctuation() {
		assertThat(segmenter.words("感谢您对本市科技工作的关心和支持。")).contains("科技", "工作", "关心", "支持").doesNotContain("。");
	}

	@Test
	void keepsEveryWordOfTheDomainDictionaryWhole() {
		assertThat(ChineseSegmenter.domainWords()).containsKeys("上海市科学技术委员会", "市经济信息化委", "揭榜挂帅", "探索者计划", "科创板",
				"基础研究先行区");
		for (String word : ChineseSegmenter.domainWords().keySet()) {
			assertThat(segmenter.words("我们看到" + word + "了。")).as(word).contains(word.toLowerCase());
		}
	}

	@Test
	void keepsDomainTermsWholeInsideARealSentence() {
		List<String> words = segmenter
			.words("收到您的建议后，我委会同市经济信息化委等部门，通过“揭榜挂帅”等方式，联合龙头企业实施“探索者计划”，" + "深化“基础研究先行区”建设。上海科创板上市企业 89 家。");

		assertThat(words).contains("市经济信息化委", "揭榜挂帅", "探索者计划", "基础研究先行区", "科创板");
	}

	@Test
	void aDocumentHoldsEveryWordOfAQueryForItsOwnText() {
		String[] document = segmenter.indexed("打造具有世界影响力科技创新中心的挑战及建议；会同市经济信息化委；张江实验室").split(" ");
		for (String query : List.of("科技创新中心", "世界影响力", "市经济信息化委", "张江实验室")) {
			assertThat(document).as(query).contains(segmenter.words(query).toArray(String[]::new));
		}
	}

	@Test
	void aDocumentHoldsTheShorterWordsInsideACompoundSoThatTheyFindIt() {
		List<String> document = Arrays.asList(segmenter.indexed("张江实验室和上海市科学技术委员会").split(" "));

		assertThat(document).contains("张江实验室", "实验室", "上海市科学技术委员会", "科学技术", "委员会");
		assertThat(segmenter.words("实验室")).containsExactly("实验室");
	}

	@Test
	void termsCarryTheirPartOfSpeechAndPlace() {
		List<ChineseSegmenter.Word> terms = segmenter.terms("上海市科学技术委员会答复");

		assertThat(terms.get(0)).isEqualTo(new ChineseSegmenter.Word("上海市科学技术委员会", "nt", 0));
	}

	@Test
	void everyTermStartsWhereItsTextIsPrinted() {
		String text = "经认真研究，现将我委会同张江实验室的办理情况答复如下：";
		List<ChineseSegmenter.Word> terms = segmenter.terms(text);

		assertThat(terms).hasSizeGreaterThan(5);
		for (ChineseSegmenter.Word term : terms) {
			assertThat(text.startsWith(term.text(), term.offset())).as(term.toString()).isTrue();
		}
		assertThat(terms.get(terms.size() - 1).offset()).isPositive();
	}

	@Test
	void keepsNumbersAndLowerCasesLatinLetters() {
		assertThat(segmenter.words("第0671号 AI建议")).contains("0671", "ai");
	}

	@Test
	void blankTextHasNoWords() {
		assertThat(segmenter.words("  \u3000")).isEmpty();
		assertThat(segmenter.segmented(null)).isEmpty();
		assertThat(segmenter.indexed((String) null)).isEmpty();
	}

	@Test
	void theDictionaryVersionIsItsDigest() {
		assertThat(ChineseSegmenter.dictionaryVersion()).matches("[0-9a-f]{12}");
	}

}
