package dev.dafu.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic, from its beginning to where it ended when the reading started,
 * with a consumer of its own that belongs to no group: an operator's command (a listing,
 * a replay, a re-enrichment) never moves a service's position.
 */
public final class TopicReading {

	private static final Duration POLL = Duration.ofSeconds(1);

	private static final Duration METADATA = Duration.ofSeconds(30);

	private TopicReading() {
	}

	/**
	 * {@code config} for a consumer of no group that commits nothing, to read a topic
	 * whole.
	 */
	public static Map<String, Object> groupless(Map<String, Object> config) {
		Map<String, Object> groupless = new HashMap<>(config);
		groupless.remove(ConsumerConfig.GROUP_ID_CONFIG);
		groupless.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return groupless;
	}

	/**
	 * Assigns {@code topic}'s partitions to {@code consumer} and answers where each ends
	 * now; empty when the topic has none.
	 */
	public static Map<TopicPartition, Long> ends(KafkaConsumer<?, ?> consumer, String topic) {
		List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA)
			.stream()
			.map(info -> new TopicPartition(topic, info.partition()))
			.toList();
		if (partitions.isEmpty()) {
			return Map.of();
		}
		consumer.assign(partitions);
		return consumer.endOffsets(partitions);
	}

	/**
	 * Reads the assigned partitions from their beginning to {@code ends}, handing each
	 * poll's records before those ends to {@code eachPoll}; may be called again with the
	 * same ends to read the same records once more.
	 */
	public static <K, V> void readTo(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> ends,
			Consumer<List<ConsumerRecord<K, V>>> eachPoll) {
		if (ends.isEmpty()) {
			return;
		}
		consumer.seekToBeginning(ends.keySet());
		while (ends.keySet().stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
			List<ConsumerRecord<K, V>> records = new ArrayList<>();
			for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
				if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
					records.add(record);
				}
			}
			eachPoll.accept(records);
		}
	}

}
