package dev.dafu.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseSegmenterTest {

	private final ChineseSegmenter segmenter = new ChineseSegmenter();

	@Test
	void cutsChineseIntoWordsAndDropsPunctuation() {
		assertThat(segmenter.words("感谢您对本市科技工作的关心和支持。")).contains("科技", "工作", "关心", "支持").doesNotContain("。");
	}

	@Test
	void aQuerySegmentsLikeTheSameWordsInsideADocument() {
		String document = segmenter.segmented("打造具有世界影响力科技创新中心的挑战及建议");
		for (String queryWord : segmenter.words("科技创新中心")) {
			assertThat(document.split(" ")).contains(queryWord);
		}
	}

	@Test
	void keepsNumbersAndLowerCasesLatinLetters() {
		assertThat(segmenter.words("第0671号 AI建议")).contains("0671", "ai");
	}

	@Test
	void blankTextHasNoWords() {
		assertThat(segmenter.words("  \u3000")).isEmpty();
		assertThat(segmenter.segmented(null)).isEmpty();
	}

}
