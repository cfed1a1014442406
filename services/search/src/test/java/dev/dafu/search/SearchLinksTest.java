package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class SearchLinksTest {

	@Test
	void choosingAFacetValueKeepsTheOthersAndGoesBackToTheFirstPage() {
		SearchLinks links = new SearchLinks("/search", params("q=养老&issuer=上海市民政局&page=3"));

		String link = links.toggled("issuer", "上海市卫生健康委员会");

		assertThat(decoded(link)).isEqualTo("/search?q=养老&issuer=上海市民政局&issuer=上海市卫生健康委员会");
	}

	@Test
	void choosingAChosenValueLetsItGo() {
		SearchLinks links = new SearchLinks("/search", params("q=养老&issuer=上海市民政局,上海市卫生健康委员会"));

		assertThat(links.chosen("issuer", "上海市民政局")).isTrue();
		assertThat(decoded(links.toggled("issuer", "上海市民政局"))).isEqualTo("/search?q=养老&issuer=上海市卫生健康委员会");
	}

	@Test
	void valuesWithQueryCharactersSurviveTheLink() {
		String typed = "\"a&b\" -c=d {x} 100% +";
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("q", typed);

		String link = new SearchLinks("/search", params).page(2);

		String q = UriComponentsBuilder.fromUriString(link).build().getQueryParams().getFirst("q");
		assertThat(URLDecoder.decode(q, StandardCharsets.UTF_8)).isEqualTo(typed);
		assertThat(link).endsWith("&page=2");
	}

	@Test
	void sortingAndTheLanguageSwitchAreNotCarriedAsPages() {
		SearchLinks links = new SearchLinks("/search", params("q=a&page=4&lang=en&sort=oldest"));

		assertThat(decoded(links.sorted("newest"))).isEqualTo("/search?q=a&sort=newest");
		assertThat(decoded(links.page(1))).isEqualTo("/search?q=a&sort=oldest");
	}

	@Test
	void theLanguageSwitchKeepsThePageAndEveryParameter() {
		SearchLinks links = new SearchLinks("/search", params("q=a&lang=zh-CN&year=2024&page=3"));

		assertThat(decoded(links.inLanguage("en"))).isEqualTo("/search?q=a&lang=en&year=2024&page=3");
	}

	@Test
	void theSameSearchElsewhereStartsFromItsFirstPage() {
		SearchLinks links = new SearchLinks("/search", params("q=a&year=2024&page=2"));

		assertThat(decoded(links.at("/api/replies"))).isEqualTo("/api/replies?q=a&year=2024");
		assertThat(decoded(links.at("/stats"))).isEqualTo("/stats?q=a&year=2024");
	}

	@Test
	void aChartsBarAddsItsValueToTheSearchWithoutLettingAChosenOneGo() {
		SearchLinks links = new SearchLinks("/search", params("year=2024&kind=PROPOSAL"));

		assertThat(decoded(links.with("year", "2023"))).isEqualTo("/search?year=2024&year=2023&kind=PROPOSAL");
		assertThat(decoded(links.with("year", "2024"))).isEqualTo("/search?year=2024&kind=PROPOSAL");
	}

	private static MultiValueMap<String, String> params(String query) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		for (String pair : query.split("&")) {
			String[] nameValue = pair.split("=", 2);
			params.add(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
		}
		return params;
	}

	private static String decoded(String link) {
		return URLDecoder.decode(link, StandardCharsets.UTF_8);
	}

}
