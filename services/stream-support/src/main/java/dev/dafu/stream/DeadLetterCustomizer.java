package dev.dafu.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Takes retries and dead letters from the binder (whose dead-letter sender logs a failed
 * send and lets the offset be committed, so the record is lost) into each consumer's
 * error handler: a failed record is retried with the binding's backoff and
 * {@code retryable-exceptions} (an {@link UnreadableRecordException} is never retried),
 * then written to the binding's {@code dlq-name} with the reason in
 * {@code x-exception-message} ({@link DeadLetterReason}); if that write fails, the
 * consumer waits {@value #DEAD_LETTER_RETRY_MS} ms and tries again, and the record's
 * offset is not committed until it is written. A binding without a dead-letter topic logs
 * the record after its retries and goes on, as the binder does.
 * <p>
 * A failure that is not the record's (a {@link DependencyUnavailableException}, or one of
 * Kafka's retriable errors such as a broker that is restarting) is never dead-lettered:
 * the record is tried again with a backoff of up to {@value #UNAVAILABLE_MAX_INTERVAL_MS}
 * ms for as long as it takes, and nothing past it is committed.
 * <p>
 * Dead letters are counted by the topic they came from and the consumer group,
 * {@value #DEAD_LETTERS_METRIC}, from zero at start-up, so an alert can see it grow.
 */
final class DeadLetterCustomizer implements ListenerContainerWithDlqAndRetryCustomizer {

	static final long DEAD_LETTER_RETRY_MS = 5000;

	static final long UNAVAILABLE_MAX_INTERVAL_MS = 10_000;

	static final String REASON_HEADER = "x-exception-message";

	static final String TYPE_HEADER = "x-exception-fqcn";

	static final String DEAD_LETTERS_METRIC = "dafu.dead.letters";

	private static final Log log = LogFactory.getLog(DeadLetterCustomizer.class);

	private final KafkaOperations<?, ?> template;

	private final MeterRegistry meters;

	DeadLetterCustomizer(KafkaOperations<?, ?> template, MeterRegistry meters) {
		this.template = template;
		this.meters = meters;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
			ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		BackOff retries = backOff != null ? backOff : new FixedBackOff(0L, 0L);
		DefaultErrorHandler handler;
		if (dlqDestinationResolver == null) {
			handler = new DefaultErrorHandler(retries);
		}
		else {
			if (properties != null && properties.getMaxAttempts() < 2) {
				// With one attempt the binder keeps its own dead-letter path.
				throw new IllegalStateException("binding " + properties.getBindingName()
						+ " has a dead-letter topic, so its max-attempts must be 2 or more");
			}
			Counter deadLetters = Counter.builder(DEAD_LETTERS_METRIC)
				.description("records written to a dead-letter topic")
				.tag("topic", destinationName)
				.tag("group", (group != null) ? group : "")
				.register(this.meters);
			handler = new DefaultErrorHandler(new Patient(recoverer(dlqDestinationResolver), container, deadLetters),
					retries);
		}
		handler.addNotRetryableExceptions(UnreadableRecordException.class, RejectedRecordException.class);
		// Each dead letter is logged once, with its reason (Patient); the container's own
		// report of the seek that follows a failed record in a batch is no error.
		handler.setLogLevel(KafkaException.Level.WARN);
		if (properties != null) {
			if (!properties.isDefaultRetryable()) {
				handler.defaultFalse(true);
			}
			properties.getRetryableExceptions().forEach((type, retryable) -> {
				if (Exception.class.isAssignableFrom(type)) {
					if (retryable) {
						handler.addRetryableExceptions(type.asSubclass(Exception.class));
					}
					else {
						handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
					}
				}
			});
		}
		container.setCommonErrorHandler(untilAvailable(handler));
	}

	/**
	 * {@code handler} for failures that are the record's; for those that are not, retries
	 * without end.
	 */
	private static CommonErrorHandler untilAvailable(DefaultErrorHandler handler) {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
		backOff.setMaxInterval(UNAVAILABLE_MAX_INTERVAL_MS);
		DefaultErrorHandler patient = new DefaultErrorHandler((record, exception) -> {
			throw new IllegalStateException("a record whose dependency is unavailable is never given up", exception);
		}, backOff);
		patient.setLogLevel(KafkaException.Level.WARN);
		CommonDelegatingErrorHandler delegating = new CommonDelegatingErrorHandler(handler);
		delegating.setCauseChainTraversing(true);
		delegating
			.setErrorHandlers(Map.of(DependencyUnavailableException.class, patient, RetriableException.class, patient));
		return delegating;
	}

	private DeadLetterPublishingRecoverer recoverer(
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.template, destination);
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
		recoverer.setHeaderNamesSupplier(() -> DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
			.offsetHeader("x-original-offset")
			.timestampHeader("x-original-timestamp")
			.timestampTypeHeader("x-original-timestamp-type")
			.topicHeader("x-original-topic")
			.partitionHeader("x-original-partition")
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.keyExceptionFqcn("x-key-exception-fqcn")
			.exceptionFqcn(TYPE_HEADER)
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.exceptionMessage(REASON_HEADER)
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.exceptionStacktrace("x-exception-stacktrace")
			.build());
		recoverer.setExceptionHeadersCreator((headers, exception, isKey, names) -> {
			DeadLetterReason reason = DeadLetterReason.of(exception);
			headers.remove(TYPE_HEADER);
			headers.remove(REASON_HEADER);
			headers.add(new RecordHeader(TYPE_HEADER, reason.type().getBytes(StandardCharsets.UTF_8)));
			headers.add(new RecordHeader(REASON_HEADER, reason.message().getBytes(StandardCharsets.UTF_8)));
		});
		return recoverer;
	}

	/**
	 * A recoverer that, when the dead letter cannot be written, says why once, waits and
	 * fails, so the error handler seeks back to the record instead of committing past it.
	 */
	private record Patient(ConsumerAwareRecordRecoverer recoverer, MessageListenerContainer container,
			Counter deadLetters) implements ConsumerAwareRecordRecoverer {

		@Override
		public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
			try (LogContext about = LogContext.ofKey(record.key())) {
				recover(record, consumer, exception);
			}
		}

		private void recover(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
			try {
				this.recoverer.accept(record, consumer, exception);
				this.deadLetters.increment();
				log.warn("Dead-lettered " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
						+ DeadLetterReason.of(exception).message());
			}
			catch (RuntimeException failure) {
				log.error("Could not dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset()
						+ " (" + DeadLetterReason.of(failure).message()
						+ "); it is not committed and is tried again in " + DEAD_LETTER_RETRY_MS + " ms");
				try {
					ListenerUtils.stoppableSleep(this.container, DEAD_LETTER_RETRY_MS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw failure;
			}
		}

	}

}
