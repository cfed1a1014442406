package dev.dafu.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.elasticsearch.IndexSetup;
import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.stream.RecordReader;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
				return replyIndexer.index(enriched).map(ReplyEvents::of).orElse(null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
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
			try {
				for (ReplyChange change : replyIndexer.markGone(page)) {
					if (!streamBridge.send(GONE_EVENTS_BINDING, ReplyEvents.of(change))) {
						throw new IllegalStateException("replies.published did not accept " + change.reply().id());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

}
