package dev.dafu.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter topics for an operator: what waits in each, by reason, and a replay
 * that puts dead letters back on the topic they failed on ({@code x-original-topic}) once
 * what failed them is fixed.
 * <p>
 * Each dead letter is replayed at most once: a replay records the position of every dead
 * letter it sent on a compacted topic of its own ({@code markers}), and reads each
 * dead-letter topic only up to where it ended when the replay began. A replayed record
 * carries {@value #REPLAY_HEADER}; when it fails again, its stage dead-letters it with
 * the header, as a new dead letter that waits for another replay, so a replay never
 * loops.
 */
public class DeadLetters {

	/** The replay that sent a record back; dead letters keep it. */
	public static final String REPLAY_HEADER = "x-dafu-replay-id";

	private static final String ORIGINAL_TOPIC_HEADER = "x-original-topic";

	private static final int EXAMPLES = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> consumerConfig;

	private final Map<String, Object> producerConfig;

	private final List<String> topics;

	private final String markers;

	/**
	 * @param kafkaConfig the Kafka client configuration (bootstrap servers, security)
	 * @param topics the dead-letter topics
	 * @param markers the compacted topic of replayed positions
	 */
	public DeadLetters(Map<String, Object> kafkaConfig, List<String> topics, String markers) {
		this.consumerConfig = TopicReading.groupless(kafkaConfig);
		this.consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.producerConfig = new HashMap<>(kafkaConfig);
		this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 * 1024 * 1024 + 64 * 1024);
		this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.topics = List.copyOf(topics);
		this.markers = markers;
	}

	/** What waits in each dead-letter topic, with its commonest reasons. */
	public List<TopicReport> list() {
		Map<String, String> replayed = replayed();
		List<TopicReport> reports = new ArrayList<>();
		for (String topic : this.topics) {
			Map<String, ReasonCount> reasons = new LinkedHashMap<>();
			long[] counts = new long[3];
			read(topic, record -> {
				if (replayed.containsKey(position(record))) {
					counts[1]++;
					return;
				}
				counts[0]++;
				if (header(record, REPLAY_HEADER) != null) {
					counts[2]++;
				}
				String reason = reasonOf(record);
				ReasonCount count = reasons.computeIfAbsent(reason,
						r -> new ReasonCount(r, new long[1], new ArrayList<>()));
				count.count()[0]++;
				if (count.examples().size() < EXAMPLES) {
					count.examples().add(position(record) + " " + text(record.key()));
				}
			});
			List<Reason> byCount = reasons.values()
				.stream()
				.map(count -> new Reason(count.reason(), count.count()[0], List.copyOf(count.examples())))
				.sorted(Comparator.comparingLong(Reason::count).reversed())
				.toList();
			reports.add(new TopicReport(topic, counts[0], counts[1], counts[2], byCount));
		}
		return reports;
	}

	/**
	 * Sends the dead letters not replayed yet back to the topics they failed on: all, or
	 * those of {@code topic} and those whose reason contains {@code reason}.
	 * @param topic a dead-letter topic, or null for all
	 * @param reason text the reason must contain, or null for any
	 * @throws IllegalArgumentException when {@code topic} is not a dead-letter topic
	 */
	public synchronized ReplayReport replay(String topic, String reason) {
		if (topic != null && !this.topics.contains(topic)) {
			throw new IllegalArgumentException(topic + " is not a dead-letter topic; they are " + this.topics);
		}
		String replayId = UUID.randomUUID().toString();
		Map<String, String> replayed = replayed();
		Map<String, Long> sent = new LinkedHashMap<>();
		long[] unroutable = new long[1];
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(this.producerConfig)) {
			for (String deadLetterTopic : this.topics) {
				if (topic != null && !topic.equals(deadLetterTopic)) {
					continue;
				}
				List<String> positions = new ArrayList<>();
				List<Future<RecordMetadata>> sends = new ArrayList<>();
				read(deadLetterTopic, record -> {
					if (replayed.containsKey(position(record)) || (reason != null && !reasonOf(record).contains(reason)
							&& !fullReason(record).contains(reason))) {
						return;
					}
					String original = header(record, ORIGINAL_TOPIC_HEADER);
					if (original == null) {
						unroutable[0]++;
						return;
					}
					sends.add(producer.send(new ProducerRecord<>(original, null, record.key(), record.value(),
							replayHeaders(record, replayId))));
					positions.add(position(record));
				});
				await(sends);
				// Marked once the records are back: a crash in between replays them
				// again,
				// which every stage takes as a redelivery.
				List<Future<RecordMetadata>> marks = new ArrayList<>();
				byte[] marker = marker(replayId);
				for (String position : positions) {
					marks.add(producer
						.send(new ProducerRecord<>(this.markers, position.getBytes(StandardCharsets.UTF_8), marker)));
				}
				await(marks);
				sent.put(deadLetterTopic, (long) positions.size());
			}
		}
		return new ReplayReport(replayId, sent.values().stream().mapToLong(Long::longValue).sum(), sent, unroutable[0],
				0);
	}

	/**
	 * How a replay went: how many it sent, and how many of those failed again (are dead
	 * letters again, carrying its id).
	 */
	public ReplayReport replayStatus(String replayId) {
		Map<String, Long> sent = new LinkedHashMap<>();
		for (Map.Entry<String, String> marker : replayed().entrySet()) {
			if (marker.getValue().equals(replayId)) {
				sent.merge(marker.getKey().substring(0, marker.getKey().indexOf('/')), 1L, Long::sum);
			}
		}
		long[] failedAgain = new long[1];
		for (String topic : this.topics) {
			read(topic, record -> {
				if (replayId.equals(header(record, REPLAY_HEADER))) {
					failedAgain[0]++;
				}
			});
		}
		return new ReplayReport(replayId, sent.values().stream().mapToLong(Long::longValue).sum(), sent, 0,
				failedAgain[0]);
	}

	/** Position → the replay that sent it, for every dead letter replayed. */
	private Map<String, String> replayed() {
		Map<String, String> replayed = new HashMap<>();
		read(this.markers, record -> {
			if (record.value() != null) {
				try {
					replayed.put(text(record.key()), JSON.readTree(record.value()).path("replayId").asText());
				}
				catch (JacksonException ex) {
					// Not written by a replay: not a marker.
				}
			}
		});
		return replayed;
	}

	/** Hands every record of {@code topic} up to its end as of now to {@code each}. */
	private void read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig)) {
			TopicReading.readTo(consumer, TopicReading.ends(consumer, topic), records -> records.forEach(each));
		}
	}

	private static RecordHeaders replayHeaders(ConsumerRecord<byte[], byte[]> record, String replayId) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			String name = header.key();
			if (!name.startsWith("x-exception-") && !name.startsWith("x-original-") && !name.equals(REPLAY_HEADER)) {
				headers.add(header);
			}
		}
		headers.add(REPLAY_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static byte[] marker(String replayId) {
		return JSON.createObjectNode()
			.put("replayId", replayId)
			.put("replayedAt", Instant.now().toString())
			.toString()
			.getBytes(StandardCharsets.UTF_8);
	}

	private static void await(List<Future<RecordMetadata>> sends) {
		for (Future<RecordMetadata> send : sends) {
			try {
				send.get();
			}
			catch (ExecutionException ex) {
				throw new KafkaException("a replayed record was not sent: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KafkaException("interrupted while replaying", ex);
			}
		}
	}

	private static String position(ConsumerRecord<?, ?> record) {
		return record.topic() + "/" + record.partition() + "@" + record.offset();
	}

	/**
	 * A dead letter's reason with what names one record (URLs, what is in brackets, long
	 * numbers) left out, so that records failed the same way count together.
	 */
	static String reasonOf(ConsumerRecord<byte[], byte[]> record) {
		String reason = fullReason(record);
		String general = reason.replaceAll("\\[[^\\]]*\\]", "")
			.replaceAll("https?://\\S+", "…")
			.replaceAll("\\d{4,}", "…")
			.replaceAll("\\s+", " ")
			.trim();
		return general.length() > 200 ? general.substring(0, 199) + "…" : general;
	}

	private static String fullReason(ConsumerRecord<byte[], byte[]> record) {
		String reason = header(record, DeadLetterCustomizer.REASON_HEADER);
		return reason == null ? "(no reason given)" : reason;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
	}

	private record ReasonCount(String reason, long[] count, List<String> examples) {
	}

	/**
	 * What waits in a dead-letter topic.
	 *
	 * @param topic the dead-letter topic
	 * @param waiting dead letters not replayed yet
	 * @param replayed dead letters a replay sent back
	 * @param failedAgain of those waiting, how many failed again after a replay
	 * @param reasons why those waiting failed, commonest first, each with up to three
	 * examples (position and key)
	 */
	public record TopicReport(String topic, long waiting, long replayed, long failedAgain, List<Reason> reasons) {
	}

	/**
	 * @param reason the reason, without what names one record
	 * @param count how many dead letters waiting failed so
	 * @param examples up to three of them: position and key
	 */
	public record Reason(String reason, long count, List<String> examples) {
	}

	/**
	 * What a replay did.
	 *
	 * @param replayId its id, which the records it sent carry in {@value #REPLAY_HEADER}
	 * @param replayed how many it sent back
	 * @param replayedByTopic how many from each dead-letter topic
	 * @param unroutable dead letters it could not send: they name no original topic
	 * @param failedAgain how many of those it sent are dead letters again (0 when it
	 * returns: the stages have not read them yet)
	 */
	public record ReplayReport(String replayId, long replayed, Map<String, Long> replayedByTopic, long unroutable,
			long failedAgain) {
	}

}
