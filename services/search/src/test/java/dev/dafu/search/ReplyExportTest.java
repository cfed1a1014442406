package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyExportTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			=HYPERLINK("http://x")   | '=HYPERLINK("http://x")
			+1                       | '+1
			-2+3                     | '-2+3
			@SUM(A1)                 | '@SUM(A1)
			关于加强养老服务的建议   | 关于加强养老服务的建议
			a=b                      | a=b
			""")
	void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsText(String cell, String written) {
		assertThat(ReplyExport.safe(cell)).isEqualTo(written);
	}

}
