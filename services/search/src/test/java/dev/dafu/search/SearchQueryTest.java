package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchQueryTest {

	@Test
	void quotedPhrasesAndExclusionsAreTakenOutOfTheWords() {
		SearchQuery query = SearchQuery.parse("养老 \"社区嵌入式\" -收费 -“民办机构” 服务");

		assertThat(query.text()).isEqualTo("养老 服务");
		assertThat(query.phrases()).containsExactly("社区嵌入式");
		assertThat(query.excluded()).containsExactly("收费", "民办机构");
	}

	@Test
	void chineseQuotesMakePhrasesToo() {
		assertThat(SearchQuery.parse("「科技创新」『张江实验室』").phrases()).containsExactly("科技创新", "张江实验室");
	}

	@Test
	void aHyphenInsideAWordOrAloneIsText() {
		SearchQuery query = SearchQuery.parse("COVID-19 - 防控");

		assertThat(query.text()).isEqualTo("COVID-19 - 防控");
		assertThat(query.excluded()).isEmpty();
	}

	@Test
	void anUnclosedQuoteIsNotAPhrase() {
		SearchQuery query = SearchQuery.parse("\"科技创新");

		assertThat(query.text()).isEqualTo("科技创新");
		assertThat(query.phrases()).isEmpty();
	}

	@Test
	void aSubmissionNumberTypedAsSuchIsRecognised() {
		assertThat(SearchQuery.parse("0671").submissionNumber()).isEqualTo("0671");
		assertThat(SearchQuery.parse("第0671号").submissionNumber()).isEqualTo("0671");
		assertThat(SearchQuery.parse("第 BH035 号").submissionNumber()).isEqualTo("BH035");
		assertThat(SearchQuery.parse("0671 养老").submissionNumber()).isNull();
		assertThat(SearchQuery.parse("沪科建复〔2024〕34号").submissionNumber()).isNull();
	}

	@Test
	void blankOrMissingIsTheEmptyQuery() {
		assertThat(SearchQuery.parse(null).isEmpty()).isTrue();
		assertThat(SearchQuery.parse("  \"\" ").isEmpty()).isTrue();
		assertThat(SearchQuery.parse("-").isEmpty()).isFalse();
	}

	@Test
	void syntaxCharactersAreKeptAsText() {
		SearchQuery query = SearchQuery.parse("title:* OR body:(a AND b) \\");

		assertThat(query.text()).isEqualTo("title:* OR body:(a AND b) \\");
		assertThat(query.matched()).isEqualTo(List.of("title:* OR body:(a AND b) \\"));
	}

}
