package dev.dafu.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import dev.dafu.elasticsearch.ElasticsearchFailures;
import dev.dafu.elasticsearch.IndexSetup;
import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.PageGone;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.stream.RecordReader;
import dev.dafu.stream.RejectedRecordException;
import dev.dafu.stream.UnreadableRecordException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexerProperties.class)
class IndexerConfiguration {

	@Bean
	ReplyIndexer replyIndexer(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex, MeterRegistry meters) {
		return new ReplyIndexer(elasticsearchClient, replyIndex, meters);
	}

	@Bean
	ReplyAnnouncer replyAnnouncer(KafkaOperations<String, byte[]> kafka, IndexerProperties properties) {
		return new ReplyAnnouncer(kafka, properties.eventsTopic());
	}

	@Bean
	IndexRebuild indexRebuild(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex, KafkaProperties kafka,
			RecordReader records, @Value("${spring.cloud.stream.bindings.indexReply-in-0.destination}") String topic) {
		return new IndexRebuild(elasticsearchClient, replyIndex, kafka.buildConsumerProperties(), topic, records);
	}

	/** The events topic, created at start-up when missing. */
	@Bean
	NewTopic eventsTopic(IndexerProperties properties) {
		return TopicBuilder.name(properties.eventsTopic()).partitions(properties.eventsPartitions()).build();
	}

	/**
	 * Creates the index with its template before the consumer binding starts, so no reply
	 * can auto-create an index without the mapping.
	 */
	@Bean
	IndexSetup replyIndexSetup(ReplyIndex replyIndex) {
		return new IndexSetup("create or update index " + replyIndex.name(), replyIndex::createOrUpdate);
	}

	/**
	 * {@code replies.enriched} → the index, a batch at a time, and the events topic for
	 * what changed. A record that cannot be read, or whose reply Elasticsearch refuses,
	 * is dead-lettered with its reason once the records before it are indexed and
	 * announced.
	 */
	@Bean
	Consumer<Message<List<Object>>> indexReply(ReplyIndexer replyIndexer, ReplyAnnouncer announcer,
			RecordReader records, MeterRegistry meters) {
		DistributionSummary batchSizes = DistributionSummary.builder("dafu.indexer.batch.size")
			.description("Records in a batch taken from replies.enriched")
			.baseUnit("records")
			.register(meters);
		return batch -> {
			List<Object> payloads = batch.getPayload();
			batchSizes.record(payloads.size());
			List<ReplyIndexer.Incoming> incoming = new ArrayList<>();
			UnreadableRecordException unreadable = null;
			for (int i = 0; i < payloads.size() && unreadable == null; i++) {
				try {
					incoming.add(new ReplyIndexer.Incoming(enriched(records, payloads.get(i)), source(batch, i)));
				}
				catch (UnreadableRecordException ex) {
					unreadable = ex;
				}
			}
			ReplyIndexer.Outcome outcome;
			try {
				outcome = replyIndexer.index(incoming);
				announcer.announce(outcome.changes());
			}
			catch (IOException | RuntimeException ex) {
				RuntimeException failure = DependencyUnavailableException.classify(ex, "Elasticsearch",
						ElasticsearchFailures::isUnavailable);
				// From the batch's first record: the handler seeks back,
				// waits and polls again, as for one record. Its fallback
				// for a whole batch pauses the consumer, and once left it
				// paused after Elasticsearch was away.
				throw new BatchListenerFailedException(failure.getMessage(), failure, 0);
			}
			if (outcome.refused() != null) {
				throw new BatchListenerFailedException(outcome.refused().reason(),
						new RejectedRecordException(outcome.refused().reason()), outcome.refused().index());
			}
			if (unreadable != null) {
				throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, incoming.size());
			}
		};
	}

	/**
	 * {@code pages.gone} → gone marks in the index, and the events topic for each reply
	 * that changed.
	 */
	@Bean
	Consumer<Message<byte[]>> markGone(ReplyIndexer replyIndexer, ReplyAnnouncer announcer, RecordReader records) {
		return message -> {
			PageGone page = records.read(message, PageGone.class, "a gone page",
					read -> read.url() == null ? "no url" : null);
			List<ReplyChange> changes;
			try {
				changes = replyIndexer.markGone(page, source(message));
			}
			catch (IOException | RuntimeException ex) {
				throw DependencyUnavailableException.classify(ex, "Elasticsearch",
						ElasticsearchFailures::isUnavailable);
			}
			announcer.announce(changes);
		};
	}

	/**
	 * The input record a message is: topic, partition and offset, or null when it did not
	 * come from Kafka.
	 */
	static String source(Message<?> message) {
		Object topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
		Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
		Object offset = message.getHeaders().get(KafkaHeaders.OFFSET);
		return topic == null || partition == null || offset == null ? null : position(topic, partition, offset);
	}

	/** The {@code i}th record of a batch: its topic, partition and offset. */
	static String source(Message<? extends List<?>> batch, int i) {
		Object topics = batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
		Object partitions = batch.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
		Object offsets = batch.getHeaders().get(KafkaHeaders.OFFSET);
		if (!(topics instanceof List<?> topic) || !(partitions instanceof List<?> partition)
				|| !(offsets instanceof List<?> offset)) {
			return null;
		}
		return position(topic.get(i), partition.get(i), offset.get(i));
	}

	/**
	 * A record of {@code replies.enriched}, read.
	 * @throws UnreadableRecordException when it is no enriched reply with an id
	 */
	static EnrichedReply enriched(RecordReader records, Object payload) {
		return records.read(MessageBuilder.withPayload(payload).build(), EnrichedReply.class, "an enriched reply",
				read -> read.reply() == null ? "no reply" : read.reply().id() == null ? "a reply with no id" : null);
	}

	/** A record's topic, partition and offset, as {@code change.source} records them. */
	static String position(Object topic, Object partition, Object offset) {
		return topic + "/" + partition + "@" + offset;
	}

}
