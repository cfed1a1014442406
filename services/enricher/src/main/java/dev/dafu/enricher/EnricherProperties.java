package dev.dafu.enricher;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The enricher's own settings, {@code dafu.enricher.*}.
 *
 * @param outputTopic the compacted topic of enriched replies (default
 * {@code replies.enriched}), where a rebuild of the index reads every reply's latest
 * version
 */
@Validated
@ConfigurationProperties("dafu.enricher")
public record EnricherProperties(@NotBlank String outputTopic) {

	public EnricherProperties {
		outputTopic = outputTopic == null ? "replies.enriched" : outputTopic;
	}

}
