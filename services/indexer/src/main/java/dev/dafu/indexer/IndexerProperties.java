package dev.dafu.indexer;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param eventsTopic where reply events go (CloudEvents, see {@link ReplyEvents})
 * @param eventsPartitions the partitions that topic is created with when missing; at
 * least as many as the instances of its busiest subscriber
 */
@Validated
@ConfigurationProperties("dafu.indexer")
public record IndexerProperties(@NotBlank String eventsTopic, @Min(1) int eventsPartitions) {

	public IndexerProperties {
		eventsTopic = eventsTopic == null ? "replies.published" : eventsTopic;
		eventsPartitions = eventsPartitions == 0 ? 3 : eventsPartitions;
	}

}
