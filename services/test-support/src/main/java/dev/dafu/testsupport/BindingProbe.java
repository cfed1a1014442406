package dev.dafu.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.SendResult;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * For a service's function beans bound through the Stream test binder: what they sent
 * through their {@code KafkaOperations} (a Mockito mock that takes every record), and the
 * failures their batches ended with, as the Kafka binder's error handler would get them
 * (from the application's {@code errorChannel}). Import {@link Configuration} into a
 * {@code @SpringBootTest} and {@link #clear} it before each test.
 */
public final class BindingProbe {

	private final List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final KafkaOperations<String, byte[]> kafka;

	@SuppressWarnings("unchecked")
	BindingProbe(SubscribableChannel errorChannel) {
		this.kafka = mock(KafkaOperations.class);
		given(this.kafka.send(any(ProducerRecord.class))).willAnswer(call -> {
			ProducerRecord<String, byte[]> record = call.getArgument(0);
			this.sent.add(record);
			return CompletableFuture.completedFuture(new SendResult<>(record, null));
		});
		errorChannel.subscribe(message -> this.failures.add(((ErrorMessage) message).getPayload()));
	}

	/** Forgets what was sent and what failed so far. */
	public void clear() {
		this.sent.clear();
		this.failures.clear();
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

	/** The root cause of the one failure: the reason a record is refused. */
	public Throwable reason() {
		Throwable cause = failure();
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
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

	/**
	 * The Stream test binder, the probe, and its {@code KafkaOperations} in place of the
	 * service's.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@Import(TestChannelBinderConfiguration.class)
	public static class Configuration {

		@Bean
		BindingProbe bindingProbe(@Qualifier("errorChannel") SubscribableChannel errorChannel) {
			return new BindingProbe(errorChannel);
		}

		@Bean
		@Primary
		KafkaOperations<String, byte[]> probedKafka(BindingProbe probe) {
			return probe.kafka;
		}

	}

}
