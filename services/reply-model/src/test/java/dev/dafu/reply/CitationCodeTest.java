package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationCodeTest {

	private static final String ID = ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕34号", null);

	@Test
	void aCodeIsShortReadableAndLeadsBackToItsIdsFirstDigits() {
		String code = CitationCode.of(ID);

		assertThat(code).matches("DF-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
		assertThat(CitationCode.idPrefix(code)).contains(ID.substring(0, 12));
	}

	@Test
	void theCodeFollowsTheReplyNotItsUrlOrItsNumbersPrinting() {
		assertThat(CitationCode.of(ReplyIdentity.of("上海市科学技术委员会", "沪科建复[2024]34号", null)))
			.isEqualTo(CitationCode.of(ID));
		assertThat(CitationCode.of(ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕35号", null)))
			.isNotEqualTo(CitationCode.of(ID));
	}

	@Test
	void caseDashesSpacesAndLookAlikesDoNotMatterWhenReadBack() {
		String code = CitationCode.of("0000000000000000ffffffffffffffff");
		assertThat(code).isEqualTo("DF-00000-00000");

		assertThat(CitationCode.idPrefix("df 0oooo ooooo")).contains("000000000000");
		assertThat(CitationCode.idPrefix(CitationCode.of(ID).toLowerCase().replace("-", "")))
			.contains(ID.substring(0, 12));
	}

	@Test
	void anythingElseIsNoCode() {
		assertThat(CitationCode.idPrefix("DF-12345")).isEmpty();
		assertThat(CitationCode.idPrefix("XX-00000-00000")).isEmpty();
		assertThat(CitationCode.idPrefix("DF-00000-0000U")).isEmpty();
		assertThat(CitationCode.idPrefix("DF-00000-00001")).as("bits past the 48 are always zero").isEmpty();
		assertThat(CitationCode.of("not-an-id")).isNull();
	}

}
