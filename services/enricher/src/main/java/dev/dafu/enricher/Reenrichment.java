package dev.dafu.enricher;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Enrichment;
import dev.dafu.stream.PendingSends;
import dev.dafu.stream.TopicReading;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Brings every reply on the compacted {@code replies.enriched} to this enricher's
 * version: reads the topic from its beginning to where it ended when the command started,
 * with a consumer of its own (no group), and sends each reply enriched by another
 * version, or by none, enriched again under its key. The indexer takes them as it takes
 * any record: a changed enrichment is an update, announced. This is how replies indexed
 * before a new dictionary, taxonomy or enricher get their new enrichment without a
 * re-crawl.
 * <p>
 * A reply a crawl updates while the command runs may be sent by both: the indexer keeps
 * the newer content either way (the newer fetch wins), and the topic's last record of it
 * is then the re-enriched older one until that reply is next parsed. One run at a time
 * per instance.
 */
public class Reenrichment {

	private static final Logger log = LoggerFactory.getLogger(Reenrichment.class);

	private final ReplyEnricher enricher;

	private final KafkaOperations<String, byte[]> kafka;

	private final JsonMapper json;

	private final Map<String, Object> consumerConfig;

	private final String topic;

	private final AtomicReference<Progress> progress = new AtomicReference<>();

	private Thread running;

	/**
	 * @param consumerConfig the Kafka consumer configuration (bootstrap servers and the
	 * like); the run sets its own deserializers and no group
	 * @param topic the compacted topic of enriched replies
	 */
	public Reenrichment(ReplyEnricher enricher, KafkaOperations<String, byte[]> kafka, JsonMapper json,
			Map<String, Object> consumerConfig, String topic) {
		this.enricher = enricher;
		this.kafka = kafka;
		this.json = json;
		this.consumerConfig = consumerConfig;
		this.topic = topic;
	}

	/**
	 * Starts a run in the background.
	 * @throws IllegalStateException when one is running
	 */
	public synchronized Progress start() {
		if (this.running != null && this.running.isAlive()) {
			throw new IllegalStateException("a re-enrichment is running already");
		}
		Progress starting = new Progress(State.RUNNING, this.enricher.version(), 0, 0, 0, 0, Instant.now(), null, null);
		this.progress.set(starting);
		this.running = new Thread(this::run, "reenrichment");
		this.running.setDaemon(true);
		this.running.start();
		return starting;
	}

	/** How the last run this instance started goes; null when none did. */
	public Progress progress() {
		return this.progress.get();
	}

	private void run() {
		Map<String, Object> config = TopicReading.groupless(this.consumerConfig);
		config.put("max.poll.records", 500);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			Map<TopicPartition, Long> ends = TopicReading.ends(consumer, this.topic);
			// First the offset of every reply's last record, if that record is of another
			// version: a compacted topic may still hold older records of a reply.
			Map<String, Long> stale = new HashMap<>();
			TopicReading.readTo(consumer, ends, records -> {
				for (ConsumerRecord<String, byte[]> record : keyed(records)) {
					this.progress.updateAndGet(Progress::withRead);
					EnrichedReply reply = read(record);
					if (reply != null && isStale(reply)) {
						stale.put(record.key(), record.offset());
					}
					else {
						stale.remove(record.key());
					}
				}
			});
			this.progress.updateAndGet(p -> p.withStale(stale.size()));
			TopicReading.readTo(consumer, ends, records -> {
				PendingSends sends = new PendingSends(this.kafka);
				for (ConsumerRecord<String, byte[]> record : keyed(records)) {
					Long last = stale.get(record.key());
					if (last != null && last == record.offset()) {
						EnrichedReply again = this.enricher.enrich(read(record).reply().withEnrichment(null));
						sends.send(this.topic, record.key(), this.json.writeValueAsBytes(again));
						this.progress.updateAndGet(Progress::withReenriched);
					}
				}
				sends.awaitAll();
			});
			this.progress.updateAndGet(p -> p.ended(State.DONE, null));
		}
		catch (RuntimeException ex) {
			log.warn("The re-enrichment of {} failed", this.topic, ex);
			this.progress.updateAndGet(p -> p.ended(State.FAILED, ex.toString()));
		}
	}

	/** The records that name a reply and carry one (not a tombstone). */
	private static List<ConsumerRecord<String, byte[]>> keyed(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().filter(r -> r.key() != null && r.value() != null).toList();
	}

	/**
	 * The enriched reply of {@code record}; null, counted and logged, when it is none.
	 */
	private EnrichedReply read(ConsumerRecord<String, byte[]> record) {
		try {
			return this.json.readValue(record.value(), EnrichedReply.class);
		}
		catch (JacksonException ex) {
			log.warn("Record {}@{} of {} is not an enriched reply: {}", record.partition(), record.offset(), this.topic,
					ex.getOriginalMessage());
			this.progress.updateAndGet(Progress::withUnreadable);
			return null;
		}
	}

	private boolean isStale(EnrichedReply reply) {
		Enrichment enrichment = reply.reply().enrichment();
		return enrichment == null || !this.enricher.version().equals(enrichment.version());
	}

	public enum State {

		RUNNING, DONE, FAILED

	}

	/**
	 * How a run goes: it reads the topic once to find the replies whose last record is of
	 * another version ({@code stale}), then once more to send those enriched again.
	 *
	 * @param version the enrichment version it brings replies to
	 * @param read the records read so far in the first reading
	 * @param unreadable those that are not enriched replies, left as they are
	 * @param stale the replies to enrich again, known after the first reading
	 * @param reenriched those sent enriched again so far
	 * @param error why it failed, null unless it did
	 */
	public record Progress(State state, String version, long read, long unreadable, long stale, long reenriched,
			Instant startedAt, Instant finishedAt, String error) {

		Progress withRead() {
			return new Progress(this.state, this.version, this.read + 1, this.unreadable, this.stale, this.reenriched,
					this.startedAt, null, null);
		}

		Progress withUnreadable() {
			return new Progress(this.state, this.version, this.read, this.unreadable + 1, this.stale, this.reenriched,
					this.startedAt, null, null);
		}

		Progress withStale(long count) {
			return new Progress(this.state, this.version, this.read, this.unreadable, count, this.reenriched,
					this.startedAt, null, null);
		}

		Progress withReenriched() {
			return new Progress(this.state, this.version, this.read, this.unreadable, this.stale, this.reenriched + 1,
					this.startedAt, null, null);
		}

		Progress ended(State end, String why) {
			return new Progress(end, this.version, this.read, this.unreadable, this.stale, this.reenriched,
					this.startedAt, Instant.now(), why);
		}

	}

}
