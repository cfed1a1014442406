package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.reply.Submission.Kind;

class SubmissionKeysTest {

	@Test
	void aCitySessionTakesTheIssuersCitySoTwoCitiesSessionsDiffer() {
		assertThat(SubmissionKeys.of(reply("上海市教育委员会", Kind.SUGGESTION, "市十六届人大二次会议", "0671")))
			.isEqualTo("上海市|市十六届人大二次会议|SUGGESTION|671");
		assertThat(SubmissionKeys.of(reply("北京市教育委员会", Kind.SUGGESTION, "市十六届人大二次会议", "0671")))
			.isEqualTo("北京市|市十六届人大二次会议|SUGGESTION|671");
	}

	@Test
	void aSessionPrintedWithItsPlaceIsTheSameSession() {
		assertThat(SubmissionKeys.of(reply("上海市生态环境局", Kind.SUGGESTION, "上海市 十六届人大二次会议", "671")))
			.isEqualTo(SubmissionKeys.of(reply("上海市教育委员会", Kind.SUGGESTION, "市十六届人大二次会议", "0671")));
	}

	@Test
	void aNationalSessionIsTheCountrysWhoeverAnswers() {
		assertThat(SubmissionKeys.of(reply("交通运输部", Kind.PROPOSAL, "政协十四届全国委员会第二次会议", "01819")))
			.isEqualTo("全国|政协十四届全国委员会第二次会议|PROPOSAL|1819");
	}

	@Test
	void kindsAndLettersKeepSubmissionsApart() {
		assertThat(SubmissionKeys.of(reply("上海市民政局", Kind.PROPOSAL, "市政协十四届二次会议", "bh035")))
			.isEqualTo("上海市|市政协十四届二次会议|PROPOSAL|BH035");
	}

	@Test
	void noNumberNoKey() {
		assertThat(SubmissionKeys.of(reply("上海市民政局", Kind.PROPOSAL, "市政协十四届二次会议", null))).isNull();
		assertThat(SubmissionKeys.of(reply("上海市民政局", null, null, null))).isNull();
	}

	private static Reply reply(String issuer, Kind kind, String session, String number) {
		return new Reply("id", List.of(), null, "s", "t", null, issuer,
				kind == null ? null : new Submission(kind, number, session, null, List.of()), null, null, null, null,
				null, null, null, "正文", null, "1", null, null, null, null, null);
	}

}
