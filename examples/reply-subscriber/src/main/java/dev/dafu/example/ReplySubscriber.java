package dev.dafu.example;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Hears of every new, changed and withdrawn reply on {@code replies.published}. Each
 * event is handled before its offset is committed, so a crash repeats events and never
 * loses one; an event repeated within a run (same {@code ce_id} as the reply's last) is
 * dropped, and one repeated after a restart carries the whole reply, so handling it again
 * is harmless when the handler stores replies by id.
 */
public final class ReplySubscriber implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final Map<String, String> lastEventIds = new HashMap<>();

	public ReplySubscriber(String bootstrapServers, String groupId, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(topic));
	}

	/** Handles what arrived within a second, then commits it. */
	public void poll(Handler handler) {
		for (ConsumerRecord<String, String> event : this.consumer.poll(Duration.ofSeconds(1))) {
			String eventId = header(event, "ce_id");
			if (!eventId.equals(this.lastEventIds.put(event.key(), eventId))) {
				handler.handle(header(event, "ce_type"), event.key(), event.value());
			}
		}
		this.consumer.commitSync();
	}

	private static String header(ConsumerRecord<String, String> event, String name) {
		return new String(event.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	/** What to do with an event; throwing ends the run before its offset is committed. */
	@FunctionalInterface
	public interface Handler {

		/**
		 * @param type {@code reply.created.v1}, {@code reply.updated.v1} or
		 * {@code reply.withdrawn.v1}
		 * @param replyId the reply's id
		 * @param replyJson the whole reply ({@code schemas/reply.v1.schema.json})
		 */
		void handle(String type, String replyId, String replyJson);

	}

	public static void main(String[] args) {
		String bootstrapServers = args.length > 0 ? args[0] : "127.0.0.1:9092";
		try (ReplySubscriber subscriber = new ReplySubscriber(bootstrapServers, "reply-printer", "replies.published")) {
			while (true) {
				subscriber.poll((type, replyId, replyJson) -> System.out.println(type + " " + replyId));
			}
		}
	}

}
