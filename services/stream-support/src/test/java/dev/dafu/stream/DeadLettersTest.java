package dev.dafu.stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

	@Test
	void recordsThatFailedTheSameWayCountUnderOneReason() {
		assertThat(DeadLetters.reasonOf(deadLetter(
				"reply has no issuer (答复单位) [url=http://www.example.gov.cn/a/t20240101_123456.html, extractor=0.3.0]")))
			.isEqualTo("reply has no issuer (答复单位)");
		assertThat(DeadLetters.reasonOf(
				deadLetter("Elasticsearch refused the reply: document at http://x.gov.cn/1.html is 123456789 bytes")))
			.isEqualTo("Elasticsearch refused the reply: document at … is … bytes");
	}

	@Test
	void aRecordWithoutAReasonSaysSoAndALongReasonIsCut() {
		assertThat(DeadLetters.reasonOf(new ConsumerRecord<>("t.dlq", 0, 0, null, null)))
			.isEqualTo("(no reason given)");
		assertThat(DeadLetters.reasonOf(deadLetter("页".repeat(500)))).hasSize(200).endsWith("…");
	}

	private static ConsumerRecord<byte[], byte[]> deadLetter(String reason) {
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("crawl.pages.dlq", 0, 0, null, null);
		record.headers().add("x-exception-message", reason.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
