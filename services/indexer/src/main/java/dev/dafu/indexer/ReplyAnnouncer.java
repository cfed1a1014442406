package dev.dafu.indexer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaException;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Puts reply events on the events topic ({@code dafu.indexer.events-topic}) and waits
 * until the broker has every one of them: one round trip for a batch, not one per event.
 * Only then are the records that made the changes committed.
 */
public class ReplyAnnouncer {

	private static final long ACK_TIMEOUT_SECONDS = 120;

	private final KafkaOperations<String, byte[]> kafka;

	private final String topic;

	public ReplyAnnouncer(KafkaOperations<String, byte[]> kafka, String topic) {
		this.kafka = kafka;
		this.topic = topic;
	}

	public void announce(List<ReplyChange> changes) {
		List<CompletableFuture<?>> sent = changes.stream()
			.<CompletableFuture<?>>map(change -> this.kafka.send(ReplyEvents.of(change, this.topic)))
			.toList();
		for (CompletableFuture<?> send : sent) {
			try {
				send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException cause ? cause
						: new KafkaException("an event was not sent", ex.getCause());
			}
			catch (TimeoutException ex) {
				throw new org.apache.kafka.common.errors.TimeoutException(
						"the broker did not acknowledge an event within " + ACK_TIMEOUT_SECONDS + " s");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KafkaException("interrupted while announcing", ex);
			}
		}
	}

}
