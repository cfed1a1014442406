package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlingResultTest {

	@ParameterizedTest
	@CsvSource({ "解决采纳, RESOLVED", "解决或采纳, RESOLVED", "已经解决或采纳, RESOLVED", "A, RESOLVED", "A类, RESOLVED",
			"正在解决, IN_PROGRESS", "B, IN_PROGRESS", "B类, IN_PROGRESS", "计划解决, PLANNED", "列入计划拟解决, PLANNED",
			"列入计划拟解决或采纳, PLANNED", "C, PLANNED", "留作参考, REFERENCE", "作为工作参考, REFERENCE", "难以解决, REFERENCE",
			"D, REFERENCE", "B（正在解决或已列入计划解决）, IN_PROGRESS", "A类（解决采纳）, RESOLVED", "'解决 采纳', RESOLVED", "已办结, OTHER",
			"E, OTHER" })
	void mapsEveryPrintedVocabularyToOneCategoryAndKeepsTheRawText(String raw, HandlingResult.Category category) {
		HandlingResult result = HandlingResult.of(raw);

		assertThat(result.category()).isEqualTo(category);
		assertThat(result.raw()).isEqualTo(raw.strip());
	}

}
