package dev.dafu.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Enrichment.Topic;

class TopicsTest {

	private final Topics topics = new Topics(Topics.parse("""
			# a comment
			养老: 养老, 老年人、适老化
			交通: 交通，公交, 停车
			"""));

	@Test
	void aTermInTheTitleIsEnough() {
		assertThat(this.topics.of("关于推动社区嵌入式养老服务的提案", "正文")).containsExactly(new Topic("养老", List.of("养老")));
	}

	@Test
	void theBodyNeedsFourCountsOfTwoTermsAndOneTermCountsAtMostThree() {
		assertThat(this.topics.of("答复", "养老养老养老养老养老")).isEmpty();
		assertThat(this.topics.of("答复", "养老养老养老，老年人")).containsExactly(new Topic("养老", List.of("养老", "老年人")));
	}

	@Test
	void severalTopicsWeightiestFirst() {
		assertThat(this.topics.of("关于公交的建议", "老年人乘公交，停车难，养老，老年人，养老服务")).extracting(Topic::name)
			.containsExactly("交通", "养老");
	}

	@Test
	void aLineWithoutANameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.parse("养老 养老, 老年人"));
	}

	@Test
	void theShippedTaxonomyHasTheDocumentedAreas() throws Exception {
		Topics shipped = new Topics(Topics.parse(
				new String(getClass().getClassLoader().getResourceAsStream("dafu/enricher/topics.txt").readAllBytes(),
						java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(shipped.of("关于集成电路和人工智能的建议", "")).extracting(Topic::name).containsExactly("集成电路", "人工智能");
		assertThat(shipped.of("关于区十八届人大三次会议第0023号建议的答复",
				"全区现有高山蔬菜基地4.2万亩。扶持高山蔬菜专业合作社46家，创建省级示范性家庭农场8家。与农副产品物流中心建立产销对接机制。"))
			.as("a reply on farming that never says 农业")
			.extracting(Topic::name)
			.containsExactly("农业农村");
	}

}
