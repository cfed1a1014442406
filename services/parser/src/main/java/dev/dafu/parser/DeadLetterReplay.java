package dev.dafu.parser;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends dead-lettered pages back to {@code crawl.pages} once the parser has changed. A
 * record is left alone when it failed with the running extractor version (its reason
 * names the version), or when this version already replayed it once and it failed again
 * (it carries {@value #REPLAYED_WITH}): the same bytes would fail the same way, so
 * replaying never loops.
 */
final class DeadLetterReplay {

	/** The header where the Kafka binder puts a dead letter's reason. */
	static final String REASON_HEADER = "x-exception-message";

	/**
	 * Marks a replayed page with the extractor version that replayed it; dead letters
	 * keep it.
	 */
	static final String REPLAYED_WITH = "dafu-replayed-with";

	private static final Pattern EXTRACTOR = Pattern.compile("extractor=([^\\],\\s]+)");

	private DeadLetterReplay() {
	}

	/**
	 * The page to put back on {@code crawl.pages}, or null to leave the dead letter
	 * alone.
	 */
	static Message<byte[]> replay(Message<byte[]> deadLetter) {
		String failedWith = extractorVersion(text(deadLetter.getHeaders().get(REASON_HEADER)));
		String replayedWith = text(deadLetter.getHeaders().get(REPLAYED_WITH));
		if (ReplyParser.EXTRACTOR_VERSION.equals(failedWith) || ReplyParser.EXTRACTOR_VERSION.equals(replayedWith)) {
			return null;
		}
		MessageBuilder<byte[]> page = MessageBuilder.withPayload(deadLetter.getPayload())
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.setHeader(REPLAYED_WITH, ReplyParser.EXTRACTOR_VERSION);
		String key = text(deadLetter.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
		if (key != null) {
			page.setHeader(KafkaHeaders.KEY, key);
		}
		return page.build();
	}

	/**
	 * The extractor version a reason names; null for a failure outside the parser's own
	 * checks.
	 */
	static String extractorVersion(String reason) {
		if (reason == null) {
			return null;
		}
		Matcher matcher = EXTRACTOR.matcher(reason);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String text(Object header) {
		if (header instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return header == null ? null : header.toString();
	}

}
