package dev.dafu.enricher;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.stream.LogContext;
import dev.dafu.stream.PendingSends;
import dev.dafu.stream.RecordReader;
import dev.dafu.stream.UnreadableRecordException;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnricherProperties.class)
class EnricherConfiguration {

	@Bean
	ReplyEnricher replyEnricher() {
		return new ReplyEnricher(new ChineseSegmenter());
	}

	/**
	 * {@code reply} enriched; a reply the enricher fails on is that record's fault, to be
	 * dead-lettered with the reason (and replayed once a fixed enricher is deployed), not
	 * the batch's.
	 */
	private static EnrichedReply enriched(ReplyEnricher enricher, Reply reply) {
		try {
			return enricher.enrich(reply);
		}
		catch (RuntimeException ex) {
			throw new UnreadableRecordException(
					"the enricher " + enricher.version() + " failed on reply " + reply.id() + ": " + ex);
		}
	}

	@Bean
	Reenrichment reenrichment(ReplyEnricher replyEnricher, KafkaOperations<String, byte[]> kafka, JsonMapper json,
			KafkaProperties properties, EnricherProperties enricher) {
		return new Reenrichment(replyEnricher, kafka, json, properties.buildConsumerProperties(),
				enricher.outputTopic());
	}

	/** The compacted topic of enriched replies: the latest version of every reply. */
	@Bean
	NewTopic enrichedTopic(EnricherProperties enricher,
			@Value("${spring.cloud.stream.kafka.binder.min-partition-count}") int partitions) {
		return TopicBuilder.name(enricher.outputTopic()).partitions(partitions).compact().build();
	}

	/**
	 * {@code replies.parsed} → {@code replies.enriched}, a batch at a time: every reply
	 * of a batch is sent at once and the batch is committed once the broker has them all.
	 * A record that cannot be read, or whose reply the enricher fails on, is
	 * dead-lettered with its reason once the records before it are out.
	 */
	@Bean
	Consumer<Message<List<Object>>> enrichReply(ReplyEnricher replyEnricher, RecordReader records,
			KafkaOperations<String, byte[]> kafka, JsonMapper json, EnricherProperties enricher) {
		String topic = enricher.outputTopic();
		return batch -> {
			List<Object> payloads = batch.getPayload();
			PendingSends sends = new PendingSends(kafka);
			UnreadableRecordException unreadable = null;
			int done = 0;
			for (; done < payloads.size(); done++) {
				try {
					Reply reply = records.read(MessageBuilder.withPayload(payloads.get(done)).build(), Reply.class,
							"a reply", read -> read.id() == null ? "no id" : null);
					try (LogContext about = LogContext.reply(reply.id(),
							reply.urls().isEmpty() ? null : reply.urls().get(0))) {
						sends.send(topic, reply.id(), json.writeValueAsBytes(enriched(replyEnricher, reply)));
					}
				}
				catch (UnreadableRecordException ex) {
					unreadable = ex;
					break;
				}
			}
			try {
				sends.awaitAll();
			}
			catch (RuntimeException ex) {
				// From the batch's first record, as for one record: Kafka's own retriable
				// errors are waited out, not dead-lettered.
				throw new BatchListenerFailedException(ex.getMessage(), ex, 0);
			}
			if (unreadable != null) {
				throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, done);
			}
		};
	}

}
