package dev.dafu.parser;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageOutcome;
import dev.dafu.reply.Reply;
import dev.dafu.stream.LogContext;
import dev.dafu.stream.PendingSends;
import dev.dafu.stream.RecordReader;
import dev.dafu.stream.UnreadableRecordException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParserProperties.class)
class ParserConfiguration {

	/** The partitions of every topic the service makes, the binder's as its own. */
	private static final String PARTITIONS = "${spring.cloud.stream.kafka.binder.min-partition-count}";

	@Bean
	ReplyParser replyParser(ParserProperties properties) {
		return new ReplyParser(Math.toIntExact(properties.maxPageSize().toBytes()));
	}

	@Bean
	NewTopic parsedRepliesTopic(ParserProperties properties, @Value(PARTITIONS) int partitions) {
		return TopicBuilder.name(properties.repliesTopic()).partitions(partitions).build();
	}

	@Bean
	NewTopic pageOutcomesTopic(ParserProperties properties, @Value(PARTITIONS) int partitions) {
		return TopicBuilder.name(properties.outcomesTopic()).partitions(partitions).build();
	}

	/**
	 * {@code crawl.pages} → {@code replies.parsed}, keyed by reply id, a batch of pages
	 * at a time. A page may hold no reply (it is counted and dropped), one, or several (a
	 * file holding several). What became of a page a crawl sent goes on
	 * {@code crawl.pages.outcomes} for the crawl's record, after its replies. Everything
	 * a batch makes is sent at once and the batch is committed once the broker has it all
	 * (at-least-once, one wait a batch); a redelivered page tells the same outcome again,
	 * which changes nothing. A page that looks like a reply but cannot be read, or a
	 * record that is no page, is dead-lettered with its reason once what the pages before
	 * it made is out; the pages after it are read again.
	 */
	@Bean
	Consumer<Message<List<Object>>> parseReply(ReplyParser replyParser, KafkaOperations<String, byte[]> kafka,
			JsonMapper json, ParserProperties properties, MeterRegistry meters, RecordReader records) {
		return batch -> {
			List<Object> payloads = batch.getPayload();
			PendingSends sends = new PendingSends(kafka);
			RuntimeException failed = null;
			int done = 0;
			for (; done < payloads.size() && failed == null; done++) {
				try {
					CrawledPage page = records.read(MessageBuilder.withPayload(payloads.get(done)).build(),
							CrawledPage.class, "a crawled page", read -> read.url() == null ? "no url" : null);
					ReplyParser.Parsed parsed;
					// A page's parse (and what libraries log while reading its files)
					// names it.
					try (LogContext about = LogContext.page(page.url())) {
						parsed = replyParser.read(page);
					}
					catch (UnparseableReplyException ex) {
						meters.counter("dafu.parser.pages", "outcome", "dead-letter").increment();
						tell(sends, json, properties, page, PageOutcome.Result.DEAD_LETTERED, List.of(), ex.reason());
						failed = ex;
						continue;
					}
					List<Reply> replies = parsed.replies();
					meters.counter("dafu.parser.pages", "outcome", replies.isEmpty() ? "not-a-reply" : "reply")
						.increment();
					for (Reply reply : replies) {
						sends.send(properties.repliesTopic(), reply.id(), json.writeValueAsBytes(reply));
					}
					tell(sends, json, properties, page,
							replies.isEmpty() ? PageOutcome.Result.NOT_A_REPLY : PageOutcome.Result.REPLIES,
							replies.stream().map(Reply::id).toList(), parsed.whyNone());
				}
				catch (UnreadableRecordException ex) {
					failed = ex;
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
			if (failed != null) {
				throw new BatchListenerFailedException(failed.getMessage(), failed, done - 1);
			}
		};
	}

	/**
	 * Tells the crawl that sent {@code page} what became of it; pages no crawl sent need
	 * not.
	 */
	private static void tell(PendingSends sends, JsonMapper json, ParserProperties properties, CrawledPage page,
			PageOutcome.Result result, List<String> replyIds, String reason) {
		if (page.crawlId() != null) {
			sends.send(properties.outcomesTopic(), page.url(),
					json.writeValueAsBytes(new PageOutcome(page.url(), page.site(), page.crawlId(), result, replyIds,
							reason, ReplyParser.EXTRACTOR_VERSION, Instant.now())));
		}
	}

}
