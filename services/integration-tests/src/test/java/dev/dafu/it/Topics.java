package dev.dafu.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.dafu.testsupport.RealServers;

/** Reads a topic from its beginning, as a downstream consumer would. */
final class Topics {

	/** Every topic the design names: the services make no other. */
	static final Set<String> DESIGNED = Set.of("crawl.pages", "crawl.pages.dlq", "crawl.pages.outcomes",
			"crawl.pages.outcomes.dlq", "pages.gone", "pages.gone.dlq", "replies.parsed", "replies.parsed.dlq",
			"replies.enriched", "replies.enriched.dlq", "replies.published", "dead-letters.replayed");

	private Topics() {
	}

	static <V> KafkaConsumer<String, V> consumer(String topic, Deserializer<V> values) {
		KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				RealServers.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
		consumer.subscribe(List.of(topic));
		return consumer;
	}

	/** Everything that arrives within one poll. */
	static <V> List<ConsumerRecord<String, V>> poll(KafkaConsumer<String, V> consumer) {
		List<ConsumerRecord<String, V>> records = new ArrayList<>();
		consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		return records;
	}

}
