package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class DeadLetterReplayTest {

	private static final byte[] PAGE = "{\"url\":\"http://demo.test/a.html\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void replaysAPageThatFailedWithAnOlderExtractorUnderItsKeyAndMarksIt() {
		Message<byte[]> replayed = DeadLetterReplay
			.replay(deadLetter("reply has no issuer [url=x, extractor=0.1.0]", null));

		assertThat(replayed).isNotNull();
		assertThat(replayed.getPayload()).isEqualTo(PAGE);
		assertThat(replayed.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("http://demo.test/a.html");
		assertThat(replayed.getHeaders().get(DeadLetterReplay.REPLAYED_WITH)).isEqualTo(ReplyParser.EXTRACTOR_VERSION);
		assertThat(replayed.getHeaders()).doesNotContainKey(DeadLetterReplay.REASON_HEADER);
	}

	@Test
	void leavesAPageThatFailedWithTheRunningExtractor() {
		String reason = "reply has no issuer [url=x, extractor=" + ReplyParser.EXTRACTOR_VERSION + "]";

		assertThat(DeadLetterReplay.replay(deadLetter(reason, null))).isNull();
	}

	@Test
	void replaysAFailureWithoutAVersionOnceAndLeavesItWhenItFailsAgain() {
		assertThat(DeadLetterReplay.replay(deadLetter("NullPointerException", null))).isNotNull();
		assertThat(DeadLetterReplay.replay(deadLetter("NullPointerException", ReplyParser.EXTRACTOR_VERSION))).isNull();
	}

	@Test
	void readsTheExtractorVersionOutOfAReason() {
		assertThat(DeadLetterReplay.extractorVersion("x [url=http://a/b, extractor=0.2.0]")).isEqualTo("0.2.0");
		assertThat(DeadLetterReplay.extractorVersion("no version here")).isNull();
	}

	private static Message<byte[]> deadLetter(String reason, String replayedWith) {
		MessageBuilder<byte[]> message = MessageBuilder.withPayload(PAGE)
			.setHeader(DeadLetterReplay.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.RECEIVED_KEY, "http://demo.test/a.html".getBytes(StandardCharsets.UTF_8));
		if (replayedWith != null) {
			message.setHeader(DeadLetterReplay.REPLAYED_WITH, replayedWith.getBytes(StandardCharsets.UTF_8));
		}
		return message.build();
	}

}
