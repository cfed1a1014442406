package dev.dafu.enricher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.SendResult;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * The enricher's function bean as it is bound: a batch from {@code replies.parsed}
 * through the Stream test binder, and what it sends to {@code replies.enriched} (Kafka's
 * own dead-lettering is the Kafka binder's, tested in {@code FaultIT}).
 */
@SpringBootTest(properties = { "spring.config.name=enricher", "spring.kafka.admin.auto-create=false",
		"spring.cloud.stream.default-binder=integration",
		"spring.cloud.stream.bindings.enrichReply-in-0.consumer.max-attempts=1" })
@Import(TestChannelBinderConfiguration.class)
class EnrichReplyBindingTest {

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@MockitoBean
	private KafkaOperations<String, byte[]> kafka;

	@Autowired
	@Qualifier("errorChannel")
	private SubscribableChannel errorChannel;

	private final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();

	private final List<Throwable> failures = new ArrayList<>();

	private final MessageHandler failed = message -> this.failures.add(((ErrorMessage) message).getPayload());

	@BeforeEach
	@SuppressWarnings("unchecked")
	void theBrokerTakesEverything() {
		given(this.kafka.send(any(ProducerRecord.class))).willAnswer(call -> {
			ProducerRecord<String, byte[]> record = call.getArgument(0);
			this.sent.add(record);
			return CompletableFuture.completedFuture(new SendResult<>(record, null));
		});
		this.errorChannel.subscribe(this.failed);
	}

	@AfterEach
	void stopListening() {
		this.errorChannel.unsubscribe(this.failed);
	}

	@Test
	void eachReplyOfABatchGoesOutEnrichedUnderItsId() {
		Reply seed = CorpusReplies.seed();

		batch(this.json.writeValueAsBytes(seed));

		assertThat(this.sent).singleElement().satisfies(record -> {
			assertThat(record.topic()).isEqualTo("replies.enriched");
			assertThat(record.key()).isEqualTo(seed.id());
			EnrichedReply enriched = this.json.readValue(record.value(), EnrichedReply.class);
			assertThat(enriched.reply().id()).isEqualTo(seed.id());
			assertThat(enriched.reply().enrichment().topics()).isNotEmpty();
			assertThat(enriched.words().body()).contains("揭榜挂帅");
		});
	}

	@Test
	void anUnreadableRecordIsNamedForTheDeadLetterTopicAfterTheRepliesBeforeItAreOut() {
		Reply seed = CorpusReplies.seed();

		batch(this.json.writeValueAsBytes(seed), "{\"id\": ".getBytes(StandardCharsets.UTF_8),
				this.json.writeValueAsBytes(seed));

		BatchListenerFailedException cause = failure();
		assertThat(cause.getIndex()).isEqualTo(1);
		assertThat(cause.getMessage()).contains("a reply");
		assertThat(this.sent).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo(seed.id()));
	}

	@Test
	void aReplyWithoutAnIdIsRefusedWithThatReason() {
		batch("{\"title\": \"关于…的答复\"}".getBytes(StandardCharsets.UTF_8));

		assertThat(failure().getMessage()).contains("no id");
		assertThat(this.sent).isEmpty();
	}

	private void batch(byte[]... records) {
		this.input.send(MessageBuilder.withPayload(List.of(records)).build(), "replies.parsed");
	}

	/** The batch's one failure, as the Kafka binder's error handler gets it. */
	private BatchListenerFailedException failure() {
		assertThat(this.failures).hasSize(1);
		Throwable cause = this.failures.get(0);
		while (cause != null && !(cause instanceof BatchListenerFailedException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a BatchListenerFailedException under %s", this.failures.get(0)).isNotNull();
		return (BatchListenerFailedException) cause;
	}

}
