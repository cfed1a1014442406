package dev.dafu.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

class CrawlerPropertiesTest {

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void aUserAgentMustNameDafu() {
		assertThat(this.validator.validate(properties("Mozilla/5.0 (Windows NT 10.0)"))).singleElement()
			.satisfies(violation -> assertThat(violation.getMessage()).contains("must name Dafu"));
		assertThat(this.validator.validate(properties("Dafu/0.1 (+https://example.org/crawler)"))).isEmpty();
	}

	@Test
	void aUserAgentHasAContactWhenItNamesAUrlOrAMailAddress() {
		assertThat(properties("Dafu/0.1 (government reply collector)").userAgentHasContact()).isFalse();
		assertThat(properties("Dafu/0.1 (+https://example.org/crawler)").userAgentHasContact()).isTrue();
		assertThat(properties("Dafu/0.1 (crawler@example.org)").userAgentHasContact()).isTrue();
	}

	private static CrawlerProperties properties(String userAgent) {
		return new CrawlerProperties(userAgent, "dafu", null, null, null, null, null, false, null);
	}

}
