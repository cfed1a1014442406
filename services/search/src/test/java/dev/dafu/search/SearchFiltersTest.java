package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class SearchFiltersTest {

	@Test
	void readsRepeatedAndCommaSeparatedValuesAndEnumNamesInAnyCase() {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("kind", "suggestion");
		params.add("kind", "PROPOSAL");
		params.add("level", "city,district");
		params.add("year", "2024");
		params.add("issuer", "上海市科学技术委员会");
		params.add("from", "2024-01-01");
		params.add("withdrawn", "exclude");

		SearchFilters filters = SearchFilters.of(params);

		assertThat(filters.of(Facet.KIND)).containsExactly("SUGGESTION", "PROPOSAL");
		assertThat(filters.of(Facet.LEVEL)).containsExactly("CITY", "DISTRICT");
		assertThat(filters.of(Facet.YEAR)).containsExactly("2024");
		assertThat(filters.of(Facet.ISSUER)).containsExactly("上海市科学技术委员会");
		assertThat(filters.of(Facet.TOPIC)).isEmpty();
		assertThat(filters.from()).isEqualTo(LocalDate.of(2024, 1, 1));
		assertThat(filters.withdrawn()).isEqualTo(SearchFilters.Withdrawn.EXCLUDE);
	}

	@Test
	void wrongValuesSayWhatIsAllowed() {
		assertThatExceptionOfType(BadSearchRequestException.class)
			.isThrownBy(() -> SearchFilters.of(params("kind", "petition")))
			.withMessage("kind must be one of SUGGESTION, PROPOSAL, not \"petition\"");
		assertThatExceptionOfType(BadSearchRequestException.class)
			.isThrownBy(() -> SearchFilters.of(params("year", "24")))
			.withMessageContaining("year must be four digits");
		assertThatExceptionOfType(BadSearchRequestException.class)
			.isThrownBy(() -> SearchFilters.of(params("from", "yesterday")))
			.withMessageContaining("from must be a date as yyyy-mm-dd");
		assertThatExceptionOfType(BadSearchRequestException.class)
			.isThrownBy(() -> SearchFilters.of(params("withdrawn", "maybe")))
			.withMessageContaining("withdrawn must be include, exclude or only");
		assertThatExceptionOfType(BadSearchRequestException.class)
			.isThrownBy(() -> SearchFilters.of(params("issuer", "a,".repeat(51))))
			.withMessage("issuer takes at most 50 values");
	}

	@Test
	void fromAfterToIsAMistake() {
		MultiValueMap<String, String> params = params("from", "2024-06-01");
		params.add("to", "2024-01-01");

		assertThatExceptionOfType(BadSearchRequestException.class).isThrownBy(() -> SearchFilters.of(params))
			.withMessage("from must not be after to");
	}

	private static MultiValueMap<String, String> params(String name, String value) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add(name, value);
		return params;
	}

}
