package dev.dafu.enricher;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.testsupport.BindingProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enricher's function bean as it is bound: a batch from {@code replies.parsed}
 * through the Stream test binder, and what it sends to {@code replies.enriched}.
 * Dead-lettering itself is the Kafka binder's, on the real broker in {@code FaultIT}.
 */
@SpringBootTest(properties = { "spring.config.name=enricher", "spring.kafka.admin.auto-create=false",
		"spring.cloud.stream.default-binder=integration",
		"spring.cloud.stream.bindings.enrichReply-in-0.consumer.max-attempts=1" })
@Import(BindingProbe.Configuration.class)
class EnrichReplyBindingTest {

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@Autowired
	private BindingProbe probe;

	@BeforeEach
	void clearTheProbe() {
		this.probe.clear();
	}

	@Test
	void eachReplyOfABatchGoesOutEnrichedUnderItsId() {
		Reply seed = CorpusReplies.seed();

		batch(this.json.writeValueAsBytes(seed));

		this.probe.assertNoFailure();
		assertThat(this.probe.sent()).singleElement().satisfies(record -> {
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

		BatchListenerFailedException failure = this.probe.batchFailure();
		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("not a reply");
		assertThat(this.probe.sent()).singleElement()
			.satisfies(record -> assertThat(record.key()).isEqualTo(seed.id()));
	}

	@Test
	void aReplyWithoutAnIdIsRefusedWithThatReason() {
		batch("{\"title\": \"关于…的答复\"}".getBytes(StandardCharsets.UTF_8));

		assertThat(this.probe.batchFailure().getMessage()).contains("no id");
		assertThat(this.probe.sent()).isEmpty();
	}

	private void batch(byte[]... records) {
		this.input.send(MessageBuilder.withPayload(List.of(records)).build(), "replies.parsed");
	}

}
