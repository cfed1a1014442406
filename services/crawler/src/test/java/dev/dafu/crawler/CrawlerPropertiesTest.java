package dev.dafu.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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

	@Test
	void schedulesAreLookedAtEveryFifteenSecondsUnlessSetAndNeverInAnEndlessLoop() {
		assertThat(properties("Dafu/0.1", null).scheduleTick()).isEqualTo(Duration.ofSeconds(15));
		assertThat(this.validator.validate(properties("Dafu/0.1", Duration.ofSeconds(1)))).isEmpty();
		assertThat(this.validator.validate(properties("Dafu/0.1", Duration.ZERO))).singleElement()
			.satisfies(violation -> assertThat(violation.getPropertyPath()).hasToString("scheduleTick"));
	}

	private static CrawlerProperties properties(String userAgent) {
		return properties(userAgent, null);
	}

	private static CrawlerProperties properties(String userAgent, Duration scheduleTick) {
		return new CrawlerProperties(userAgent, "dafu", null, null, null, null, null, false, scheduleTick, null);
	}

}
