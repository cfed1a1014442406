package dev.dafu.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.Reply;

import org.springframework.context.SmartLifecycle;

/**
 * The replies announced on {@code replies.published}, as this search instance hears them:
 * a consumer of no group, so every instance hears every event, reading from the end when
 * the instance starts. The last {@code bufferSize} events are kept, so a client that lost
 * its connection resumes where it was ({@code Last-Event-ID}).
 * <p>
 * An event's position is where every partition stood after it ({@code 0:15.1:7}): a
 * client resuming from it gets the buffered events past those offsets, on any instance.
 */
public class PublishedReplies implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PublishedReplies.class);

	private static final Duration POLL = Duration.ofSeconds(1);

	private static final Duration RETRY = Duration.ofSeconds(5);

	/** How often it looks whether the topic has grown partitions. */
	private static final Duration NEW_PARTITIONS = Duration.ofSeconds(10);

	private final Map<String, Object> config;

	private final String topic;

	private final int bufferSize;

	private final JsonMapper json;

	private final Deque<Event> buffer = new ArrayDeque<>();

	/** Where each partition stands after the last event heard: the next offset. */
	private final TreeMap<Integer, Long> next = new TreeMap<>();

	/** Per partition, the offset of the oldest event still buffered. */
	private final Map<Integer, Long> oldest = new HashMap<>();

	private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	private volatile boolean running;

	public PublishedReplies(Map<String, Object> config, String topic, int bufferSize, JsonMapper json) {
		this.config = config;
		this.topic = topic;
		this.bufferSize = bufferSize;
		this.json = json;
	}

	/**
	 * Hands {@code listener} the buffered events past {@code lastEventId} (none without
	 * one), then registers it for every event from now: one step, so no event comes
	 * before one it missed.
	 * @throws MissedEventsException when events past {@code lastEventId} are no longer
	 * buffered, or are more than {@code most}
	 * @throws BadSearchRequestException when {@code lastEventId} is not a position this
	 * API gave
	 */
	public synchronized void subscribe(String lastEventId, int most, Consumer<Event> listener) {
		List<Event> missed = new ArrayList<>();
		if (lastEventId != null && !lastEventId.isBlank()) {
			Map<Integer, Long> from = parse(lastEventId);
			for (Map.Entry<Integer, Long> partition : from.entrySet()) {
				Long first = this.oldest.get(partition.getKey());
				Long heard = this.next.get(partition.getKey());
				if (heard != null && partition.getValue() < heard && (first == null || partition.getValue() < first)) {
					throw new MissedEventsException();
				}
			}
			for (Event event : this.buffer) {
				Long after = from.get(event.partition());
				if (after == null || event.offset() >= after) {
					missed.add(event);
				}
			}
			if (missed.size() > most) {
				throw new MissedEventsException();
			}
		}
		missed.forEach(listener);
		this.listeners.add(listener);
	}

	/** Whether it hears the topic yet: false until the topic exists and is assigned. */
	public synchronized boolean hearing() {
		return !this.next.isEmpty();
	}

	public void unsubscribe(Consumer<Event> listener) {
		this.listeners.remove(listener);
	}

	@Override
	public void start() {
		this.running = true;
		Map<String, Object> groupless = new HashMap<>(this.config);
		groupless.remove(ConsumerConfig.GROUP_ID_CONFIG);
		groupless.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// Fresh enough to see partitions added to the topic.
		groupless.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) NEW_PARTITIONS.toMillis());
		this.consumer = new KafkaConsumer<>(groupless, new StringDeserializer(), new ByteArrayDeserializer());
		this.thread = new Thread(this::run, "published-replies");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		KafkaConsumer<String, byte[]> consumer = this.consumer;
		if (consumer != null) {
			consumer.wakeup();
		}
		Thread thread = this.thread;
		if (thread != null) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try (KafkaConsumer<String, byte[]> consumer = this.consumer) {
			while (this.running && !assign(consumer)) {
				Thread.sleep(RETRY.toMillis());
			}
			long lookedForPartitions = System.nanoTime();
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
					heard(record);
				}
				if (System.nanoTime() - lookedForPartitions > NEW_PARTITIONS.toNanos()) {
					assign(consumer);
					lookedForPartitions = System.nanoTime();
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Stopped hearing {}: live streams get no more events", this.topic, ex);
		}
	}

	/**
	 * Assigns every partition of the topic: those of its start from their end, those
	 * added later (the topic grew) from their beginning, as all they hold came after.
	 * False while the topic has none.
	 */
	private boolean assign(KafkaConsumer<String, byte[]> consumer) {
		List<TopicPartition> partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(30))
			.stream()
			.map(info -> new TopicPartition(this.topic, info.partition()))
			.toList();
		boolean first = consumer.assignment().isEmpty();
		List<TopicPartition> added = partitions.stream()
			.filter(partition -> !consumer.assignment().contains(partition))
			.toList();
		if (added.isEmpty()) {
			return !partitions.isEmpty();
		}
		consumer.assign(partitions);
		if (first) {
			consumer.seekToEnd(added);
		}
		else {
			consumer.seekToBeginning(added);
		}
		synchronized (this) {
			for (TopicPartition partition : added) {
				this.next.put(partition.partition(), consumer.position(partition));
			}
		}
		return true;
	}

	private void heard(ConsumerRecord<String, byte[]> record) {
		Header type = record.headers().lastHeader("ce_type");
		Event event;
		synchronized (this) {
			this.next.put(record.partition(), record.offset() + 1);
			event = new Event(position(), record.partition(), record.offset(),
					type == null ? "reply" : new String(type.value(), StandardCharsets.UTF_8),
					record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8), this.json);
			this.buffer.addLast(event);
			this.oldest.putIfAbsent(record.partition(), record.offset());
			while (this.buffer.size() > this.bufferSize) {
				Event dropped = this.buffer.removeFirst();
				this.oldest.put(dropped.partition(), dropped.offset() + 1);
			}
		}
		for (Consumer<Event> listener : this.listeners) {
			listener.accept(event);
		}
	}

	private String position() {
		StringBuilder position = new StringBuilder();
		this.next.forEach((partition, offset) -> {
			if (!position.isEmpty()) {
				position.append('.');
			}
			position.append(partition).append(':').append(offset);
		});
		return position.toString();
	}

	private static Map<Integer, Long> parse(String position) {
		Map<Integer, Long> offsets = new HashMap<>();
		try {
			for (String part : position.strip().split("\\.")) {
				String[] pair = part.split(":");
				if (pair.length != 2) {
					throw new IllegalArgumentException();
				}
				offsets.put(Integer.parseInt(pair[0]), Long.parseLong(pair[1]));
			}
			return offsets;
		}
		catch (RuntimeException ex) {
			throw new BadSearchRequestException(
					"Last-Event-ID is not an event id this stream sent: resume with the id of the last event received");
		}
	}

	/**
	 * One announcement. Its reply is read when a stream first asks for it: while no one
	 * follows the streams, events are only kept, not read.
	 */
	public static final class Event {

		private final String id;

		private final int partition;

		private final long offset;

		private final String type;

		private final String data;

		private final JsonMapper json;

		private volatile Optional<Reply> reply;

		/**
		 * @param id its position: where every partition stood after it
		 * @param type the CloudEvents type: {@code reply.created.v1},
		 * {@code reply.updated.v1}, {@code reply.withdrawn.v1}
		 * @param data the reply as announced
		 */
		Event(String id, int partition, long offset, String type, String data, JsonMapper json) {
			this.id = id;
			this.partition = partition;
			this.offset = offset;
			this.type = type;
			this.data = data;
			this.json = json;
		}

		public String id() {
			return this.id;
		}

		public int partition() {
			return this.partition;
		}

		public long offset() {
			return this.offset;
		}

		public String type() {
			return this.type;
		}

		/**
		 * The reply it carries; null when its data is no reply (it is then sent nowhere).
		 */
		public Reply reply() {
			Optional<Reply> read = this.reply;
			if (read == null) {
				try {
					read = Optional.of(this.json.readValue(this.data, Reply.class));
				}
				catch (RuntimeException ex) {
					log.warn("Not a reply event at {}@{}: {}", this.partition, this.offset, ex.getMessage());
					read = Optional.empty();
				}
				this.reply = read;
			}
			return read.orElse(null);
		}

		/** The reply as announced. */
		public String json() {
			return this.data;
		}

	}

	/** A client asked to resume from events this instance no longer holds. */
	public static class MissedEventsException extends RuntimeException {

		MissedEventsException() {
			super("the events since Last-Event-ID are no longer held, or more than a stream replays: search again, then follow the stream");
		}

	}

}
