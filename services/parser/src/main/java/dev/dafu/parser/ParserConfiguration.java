package dev.dafu.parser;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParserProperties.class)
class ParserConfiguration {

	/** The output binding for {@code replies.parsed}; see {@code parser.yml}. */
	static final String REPLIES_BINDING = "parsedReplies-out-0";

	@Bean
	ReplyParser replyParser(ParserProperties properties) {
		return new ReplyParser(Math.toIntExact(properties.maxPageSize().toBytes()));
	}

	/**
	 * {@code crawl.pages} → {@code replies.parsed}, keyed by reply id. A page may hold no
	 * reply (it is counted and dropped), one, or several (a PDF); one that looks like a
	 * reply but cannot be read fails to the dead-letter topic. Sends are synchronous, so
	 * a record is acknowledged only once all its replies are on the topic.
	 */
	/**
	 * {@code crawl.pages.dlq} → {@code crawl.pages}, for pages that failed with an older
	 * parser. Its binding does not start with the service: an operator starts it after a
	 * fix (see README, "Dead letters and replay") and stops it when the dead letters are
	 * through.
	 */
	@Bean
	Function<Message<byte[]>, Message<byte[]>> replayPage(MeterRegistry meters) {
		return deadLetter -> {
			Message<byte[]> page = DeadLetterReplay.replay(deadLetter);
			meters.counter("dafu.parser.replay", "outcome", page == null ? "left" : "replayed").increment();
			return page;
		};
	}

	@Bean
	Consumer<Message<CrawledPage>> parseReply(ReplyParser replyParser, StreamBridge streamBridge,
			MeterRegistry meters) {
		return message -> {
			List<Reply> replies = replyParser.parse(message.getPayload());
			meters.counter("dafu.parser.pages", "outcome", replies.isEmpty() ? "not-a-reply" : "reply").increment();
			for (Reply reply : replies) {
				if (!streamBridge.send(REPLIES_BINDING,
						MessageBuilder.withPayload(reply).setHeader(KafkaHeaders.KEY, reply.id()).build())) {
					throw new IllegalStateException("replies.parsed did not accept reply " + reply.id());
				}
			}
		};
	}

}
