package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Enrichment.Amount;

class EntitiesTest {

	@Test
	void normalisesMoneyToYuanKeepingThePrintedText() {
		assertThat(Entities.amounts("财政科技支出528.1亿元，补贴3.5万元，另拨 1,200 万元和 80元。")).containsExactly(
				new Amount("528.1亿元", 52_810_000_000L), new Amount("3.5万元", 35_000L),
				new Amount("1,200万元", 12_000_000L), new Amount("80元", 80L));
	}

	@Test
	void foreignCurrencyIsNotYuanAndAnAbsurdAmountIsLeftOut() {
		assertThat(Entities.amounts("投资5亿美元；99999999999999999999万亿元")).isEmpty();
	}

	@Test
	void noTextNoAmounts() {
		assertThat(Entities.amounts(null)).isEmpty();
	}

}
