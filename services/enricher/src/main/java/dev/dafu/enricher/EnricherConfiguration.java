package dev.dafu.enricher;

import java.util.function.Function;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.stream.RecordReader;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
class EnricherConfiguration {

	@Bean
	ReplyEnricher replyEnricher() {
		return new ReplyEnricher(new ChineseSegmenter());
	}

	/**
	 * {@code replies.parsed} → {@code replies.enriched} (compacted: the latest version of
	 * every reply).
	 */
	@Bean
	Function<Message<byte[]>, Message<EnrichedReply>> enrichReply(ReplyEnricher replyEnricher, RecordReader records) {
		return message -> {
			Reply reply = records.read(message, Reply.class, "a reply", read -> read.id() == null ? "no id" : null);
			EnrichedReply enriched = replyEnricher.enrich(reply);
			return MessageBuilder.withPayload(enriched).setHeader(KafkaHeaders.KEY, enriched.reply().id()).build();
		};
	}

}
