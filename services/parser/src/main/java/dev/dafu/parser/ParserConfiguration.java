package dev.dafu.parser;

import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.Reply;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParserProperties.class)
class ParserConfiguration {

	@Bean
	ReplyParser replyParser(ParserProperties properties) {
		return new ReplyParser(Math.toIntExact(properties.maxPageSize().toBytes()));
	}

	/**
	 * {@code crawl.pages} → {@code replies.parsed}, keyed by reply id. A page that is not
	 * a reply yields nothing; one that looks like a reply but cannot be read fails to the
	 * dead-letter topic.
	 */
	@Bean
	Function<Message<CrawledPage>, Message<Reply>> parseReply(ReplyParser replyParser, MeterRegistry meters) {
		return message -> {
			Message<Reply> reply = replyParser.parse(message.getPayload())
				.map(parsed -> MessageBuilder.withPayload(parsed).setHeader(KafkaHeaders.KEY, parsed.id()).build())
				.orElse(null);
			meters.counter("dafu.parser.pages", "outcome", reply == null ? "not-a-reply" : "reply").increment();
			return reply;
		};
	}

}
