package dev.dafu.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import org.springframework.kafka.core.KafkaOperations;

/**
 * What a stage sends for one batch of input records, waited for together: every record is
 * sent at once and the broker's acknowledgements are awaited once, before the input is
 * committed. So nothing is committed before Kafka has what came of it (at-least-once),
 * without a round trip to the broker per record.
 */
public final class PendingSends {

	private static final long ACK_TIMEOUT_SECONDS = 120;

	private final KafkaOperations<String, byte[]> kafka;

	private final List<CompletableFuture<?>> sent = new ArrayList<>();

	public PendingSends(KafkaOperations<String, byte[]> kafka) {
		this.kafka = kafka;
	}

	public void send(ProducerRecord<String, byte[]> record) {
		this.sent.add(this.kafka.send(record));
	}

	public void send(String topic, String key, byte[] value) {
		send(new ProducerRecord<>(topic, key, value));
	}

	/**
	 * Waits until the broker has every record sent so far.
	 * @throws KafkaException when one was not sent; a retriable one (such as a timeout)
	 * when the broker is away
	 */
	public void awaitAll() {
		for (CompletableFuture<?> send : this.sent) {
			try {
				send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException cause ? cause
						: new KafkaException("a record was not sent", ex.getCause());
			}
			catch (TimeoutException ex) {
				throw new org.apache.kafka.common.errors.TimeoutException(
						"the broker did not acknowledge a record within " + ACK_TIMEOUT_SECONDS + " s");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KafkaException("interrupted while sending", ex);
			}
		}
		this.sent.clear();
	}

}
