package dev.dafu.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.SendResult;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * What a function bean, bound through the Stream test binder, sent through its
 * {@code KafkaOperations} (a Mockito mock that takes every record), and the failures its
 * batches ended with, as the Kafka binder's error handler would get them (from the
 * application's {@code errorChannel}). Close it after each test.
 */
public final class BindingProbe implements AutoCloseable {

	private final List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final SubscribableChannel errorChannel;

	private final MessageHandler failed = message -> this.failures.add(((ErrorMessage) message).getPayload());

	@SuppressWarnings("unchecked")
	public BindingProbe(KafkaOperations<String, byte[]> kafka, SubscribableChannel errorChannel) {
		given(kafka.send(any(ProducerRecord.class))).willAnswer(call -> {
			ProducerRecord<String, byte[]> record = call.getArgument(0);
			this.sent.add(record);
			return CompletableFuture.completedFuture(new SendResult<>(record, null));
		});
		this.errorChannel = errorChannel;
		errorChannel.subscribe(this.failed);
	}

	/** Every record sent, in order. */
	public List<ProducerRecord<String, byte[]>> sent() {
		return List.copyOf(this.sent);
	}

	/** The records sent to {@code topic}, in order. */
	public List<ProducerRecord<String, byte[]>> sent(String topic) {
		return this.sent.stream().filter(record -> record.topic().equals(topic)).toList();
	}

	/** Asserts that nothing failed. */
	public void assertNoFailure() {
		assertThat(this.failures).isEmpty();
	}

	/** The one failure of what was sent, as the binder's error handler gets it. */
	public Throwable failure() {
		assertThat(this.failures).hasSize(1);
		return this.failures.get(0);
	}

	/**
	 * The one failure of the batch sent: which record the binder dead-letters (its index)
	 * and why.
	 */
	public BatchListenerFailedException batchFailure() {
		Throwable cause = failure();
		while (cause != null && !(cause instanceof BatchListenerFailedException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a BatchListenerFailedException under %s", this.failures.get(0)).isNotNull();
		return (BatchListenerFailedException) cause;
	}

	@Override
	public void close() {
		this.errorChannel.unsubscribe(this.failed);
	}

}
