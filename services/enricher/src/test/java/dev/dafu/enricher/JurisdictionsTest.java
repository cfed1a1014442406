package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dafu.reply.Enrichment.Level;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;

class JurisdictionsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# issuer                   | session                    | level    | region
			上海市科学技术委员会       | 市十六届人大二次会议       | CITY     | 上海市
			上海市浦东新区教育局       | -                          | DISTRICT | 上海市
			河南省住房和城乡建设厅     | 省十四届人大一次会议       | PROVINCE | 河南省
			河南省住房和城市建设厅     | -                          | PROVINCE | 河南省
			河南省郑州市金水区教育局   | -                          | DISTRICT | 河南省
			郑州市教育局               | -                          | CITY     | 郑州市
			广西壮族自治区教育厅       | -                          | PROVINCE | 广西壮族自治区
			上海市社区事务管理中心     | -                          | CITY     | 上海市
			国家林业和草原局           | -                          | NATIONAL | 全国
			交通运输部                 | 十四届全国人大二次会议     | NATIONAL | 全国
			财政部                     | -                          | NATIONAL | 全国
			市科委                     | 市十六届人大二次会议       | CITY     | -
			教育局                     | 区十七届人大三次会议       | DISTRICT | -
			教育局                     | -                          | -        | -
			""")
	void theLevelAndRegionComeFromTheIssuersNameThenTheSession(String issuer, String session, Level level,
			String region) {
		Reply reply = new Reply("id", List.of(), null, "s", "t", null, issuer,
				new Submission(Submission.Kind.SUGGESTION, "1", session, null, List.of()), null, null, null, null, null,
				null, null, "正文", null, "1", null, null, null, null, null);

		assertThat(Jurisdictions.of(reply)).isEqualTo(new Jurisdictions.Jurisdiction(level, region));
	}

}
