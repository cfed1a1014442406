package dev.dafu.indexer;

import java.util.List;

import dev.dafu.stream.PendingSends;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Puts reply events on the events topic ({@code dafu.indexer.events-topic}) and waits
 * until the broker has every one of them: one round trip for a batch, not one per event.
 * Only then are the records that made the changes committed.
 */
public class ReplyAnnouncer {

	private final KafkaOperations<String, byte[]> kafka;

	private final String topic;

	public ReplyAnnouncer(KafkaOperations<String, byte[]> kafka, String topic) {
		this.kafka = kafka;
		this.topic = topic;
	}

	public void announce(List<ReplyChange> changes) {
		PendingSends sends = new PendingSends(this.kafka);
		changes.forEach(change -> sends.send(ReplyEvents.of(change, this.topic)));
		sends.awaitAll();
	}

}
