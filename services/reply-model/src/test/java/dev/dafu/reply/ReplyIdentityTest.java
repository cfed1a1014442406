package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReplyIdentityTest {

	@Test
	void sameIssuerAndNumberGiveTheSameIdWhateverTheBracketsOrSpaces() {
		String id = ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕34号", "标题甲");
		assertThat(ReplyIdentity.of("上海市科学技术委员会 ", "沪科建复[2024] 34号", "标题乙")).isEqualTo(id);
		assertThat(ReplyIdentity.of("上海市科学技术委员会", "沪科建复（2024）34号", null)).isEqualTo(id);
	}

	@Test
	void differentNumbersOrIssuersGiveDifferentIds() {
		String id = ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕34号", null);
		assertThat(ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕35号", null)).isNotEqualTo(id);
		assertThat(ReplyIdentity.of("上海市经济和信息化委员会", "沪科建复〔2024〕34号", null)).isNotEqualTo(id);
	}

	@Test
	void withoutANumberTheTitleIdentifiesTheReply() {
		String id = ReplyIdentity.of("交通运输部", null, "关于第1号建议的答复");
		assertThat(ReplyIdentity.of("交通运输部", " ", "关于第1号建议的 答复")).isEqualTo(id);
		assertThat(ReplyIdentity.of("交通运输部", null, "关于第2号建议的答复")).isNotEqualTo(id);
	}

	@Test
	void refusesToInventAnIdWithoutAnIssuer() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplyIdentity.of(" ", "沪科建复〔2024〕34号", null))
			.withMessageContaining("issuer");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplyIdentity.of("交通运输部", null, null))
			.withMessageContaining("title");
	}

}
