package dev.dafu.parser;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageOutcome;
import dev.dafu.reply.Reply;
import dev.dafu.stream.RecordReader;

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

	/** The output binding for {@code crawl.pages.outcomes}; see {@code parser.yml}. */
	static final String OUTCOMES_BINDING = "pageOutcomes-out-0";

	@Bean
	ReplyParser replyParser(ParserProperties properties) {
		return new ReplyParser(Math.toIntExact(properties.maxPageSize().toBytes()));
	}

	/**
	 * {@code crawl.pages} → {@code replies.parsed}, keyed by reply id. A page may hold no
	 * reply (it is counted and dropped), one, or several (a file holding several); one
	 * that looks like a reply but cannot be read fails to the dead-letter topic. What
	 * became of a page a crawl sent goes on {@code crawl.pages.outcomes} for the crawl's
	 * record, after its replies. Sends are synchronous, so a record is acknowledged only
	 * once all its replies are on the topic; a redelivered page tells the same outcome
	 * again, which changes nothing.
	 */
	@Bean
	Consumer<Message<byte[]>> parseReply(ReplyParser replyParser, StreamBridge streamBridge, MeterRegistry meters,
			RecordReader records) {
		return message -> {
			CrawledPage page = records.read(message, CrawledPage.class, "a crawled page",
					read -> read.url() == null ? "no url" : null);
			List<Reply> replies;
			try {
				replies = replyParser.parse(page);
			}
			catch (UnparseableReplyException ex) {
				meters.counter("dafu.parser.pages", "outcome", "dead-letter").increment();
				tell(streamBridge, page, PageOutcome.Result.DEAD_LETTERED, List.of(), ex.reason());
				throw ex;
			}
			meters.counter("dafu.parser.pages", "outcome", replies.isEmpty() ? "not-a-reply" : "reply").increment();
			for (Reply reply : replies) {
				send(streamBridge, REPLIES_BINDING, reply.id(), reply);
			}
			tell(streamBridge, page, replies.isEmpty() ? PageOutcome.Result.NOT_A_REPLY : PageOutcome.Result.REPLIES,
					replies.stream().map(Reply::id).toList(), null);
		};
	}

	/**
	 * Tells the crawl that sent {@code page} what became of it; pages no crawl sent need
	 * not.
	 */
	private static void tell(StreamBridge streamBridge, CrawledPage page, PageOutcome.Result result,
			List<String> replyIds, String reason) {
		if (page.crawlId() != null) {
			send(streamBridge, OUTCOMES_BINDING, page.url(), new PageOutcome(page.url(), page.site(), page.crawlId(),
					result, replyIds, reason, ReplyParser.EXTRACTOR_VERSION, Instant.now()));
		}
	}

	private static void send(StreamBridge streamBridge, String binding, String key, Object payload) {
		if (!streamBridge.send(binding, MessageBuilder.withPayload(payload).setHeader(KafkaHeaders.KEY, key).build())) {
			throw new IllegalStateException(binding + " did not accept " + key);
		}
	}

}
