package dev.dafu.crawler;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dead letters the operator API lists and replays, {@code dafu.dead-letters.*}.
 *
 * @param topics every stage's dead-letter topic (default: {@code crawl.pages.dlq},
 * {@code replies.parsed.dlq}, {@code replies.enriched.dlq}, {@code pages.gone.dlq},
 * {@code crawl.pages.outcomes.dlq})
 * @param markersTopic the compacted topic recording every dead letter a replay sent back,
 * so none goes twice (default {@code dead-letters.replayed})
 */
@ConfigurationProperties("dafu.dead-letters")
public record DeadLetterProperties(List<String> topics, String markersTopic) {

	public DeadLetterProperties {
		topics = topics == null || topics.isEmpty() ? List.of("crawl.pages.dlq", "replies.parsed.dlq",
				"replies.enriched.dlq", "pages.gone.dlq", "crawl.pages.outcomes.dlq") : List.copyOf(topics);
		markersTopic = markersTopic == null ? "dead-letters.replayed" : markersTopic;
	}

}
