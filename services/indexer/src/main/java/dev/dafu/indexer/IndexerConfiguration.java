package dev.dafu.indexer;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.elasticsearch.ElasticsearchFailures;
import dev.dafu.elasticsearch.IndexSetup;
import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.stream.RecordReader;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class IndexerConfiguration {

	/** The output binding announcing gone marks; see {@code indexer.yml}. */
	static final String GONE_EVENTS_BINDING = "goneReplies-out-0";

	@Bean
	ReplyIndexer replyIndexer(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new ReplyIndexer(elasticsearchClient, replyIndex);
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
	 * {@code replies.enriched} → the index, and {@code replies.published} for what
	 * changed.
	 */
	@Bean
	Function<Message<byte[]>, Message<Reply>> indexReply(ReplyIndexer replyIndexer, RecordReader records) {
		return message -> {
			EnrichedReply enriched = records.read(message, EnrichedReply.class, "an enriched reply",
					read -> read.reply() == null ? "no reply"
							: read.reply().id() == null ? "a reply with no id" : null);
			try {
				return replyIndexer.index(enriched, source(message)).map(ReplyEvents::of).orElse(null);
			}
			catch (IOException | RuntimeException ex) {
				throw DependencyUnavailableException.classify(ex, "Elasticsearch",
						ElasticsearchFailures::isUnavailable);
			}
		};
	}

	/**
	 * {@code pages.gone} → gone marks in the index, and {@code replies.published} for
	 * each reply that changed.
	 */
	@Bean
	Consumer<Message<byte[]>> markGone(ReplyIndexer replyIndexer, StreamBridge streamBridge, RecordReader records) {
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
			for (ReplyChange change : changes) {
				if (!streamBridge.send(GONE_EVENTS_BINDING, ReplyEvents.of(change))) {
					throw new IllegalStateException("replies.published did not accept " + change.reply().id());
				}
			}
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
		return topic == null || partition == null || offset == null ? null : topic + "/" + partition + "@" + offset;
	}

}
