package dev.dafu.indexer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.stream.RecordReader;
import dev.dafu.stream.TopicReading;
import dev.dafu.stream.UnreadableRecordException;

/**
 * Builds a new index behind the reply alias from the compacted {@code replies.enriched}
 * topic while live indexing goes on into the current one, then moves the alias to it in
 * one step. It reads the topic from its beginning with a consumer of its own (no group,
 * so the live indexer's position is untouched) until it is less than {@value #CAUGHT_UP}
 * records behind, takes over the gone marks (they live in the index, not in the topic),
 * moves the alias, and reads what came meanwhile once more. The old index is kept until
 * an operator drops it. A rebuild announces nothing: nothing changed for subscribers.
 * <p>
 * One rebuild at a time per indexer instance; run it on one instance.
 */
public class IndexRebuild {

	private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);

	/** How few records behind the topic's end the new index must be to take the alias. */
	static final int CAUGHT_UP = 1000;

	private static final int GONE_PAGE = 500;

	private static final String TOPIC_LACKS = "the topic lacks replies the index has (a topic not compacted, "
			+ "or records deleted)";

	private final ElasticsearchClient client;

	private final ReplyIndex alias;

	private final Map<String, Object> consumerConfig;

	private final String topic;

	private final RecordReader records;

	private final AtomicReference<Progress> progress = new AtomicReference<>();

	private Thread running;

	/**
	 * @param consumerConfig the Kafka consumer configuration (bootstrap servers and the
	 * like); the rebuild sets its own deserializers and no group
	 * @param topic the compacted topic of enriched replies
	 */
	public IndexRebuild(ElasticsearchClient client, ReplyIndex alias, Map<String, Object> consumerConfig, String topic,
			RecordReader records) {
		this.client = client;
		this.alias = alias;
		this.consumerConfig = consumerConfig;
		this.topic = topic;
		this.records = records;
	}

	/**
	 * Starts a rebuild in the background.
	 * @param force move the alias even when the new index holds fewer replies than the
	 * current one (the topic lacks some of them)
	 * @throws IllegalStateException when one is running
	 */
	public synchronized Progress start(boolean force) {
		if (this.running != null && this.running.isAlive()) {
			throw new IllegalStateException("a rebuild is running already: " + this.progress.get().index());
		}
		Progress starting = new Progress(State.STARTING, null, null, 0, 0, 0, 0, null, 0, 0, Instant.now(), null, null);
		this.progress.set(starting);
		this.running = new Thread(() -> run(force), "index-rebuild");
		this.running.setDaemon(true);
		this.running.start();
		return starting;
	}

	/** How the last rebuild this instance started goes; null when none did. */
	public Progress progress() {
		return this.progress.get();
	}

	private void run(boolean force) {
		Instant started = this.progress.get().startedAt();
		Map<String, Object> config = TopicReading.groupless(this.consumerConfig);
		config.put("max.poll.records", 1000);
		config.put("max.partition.fetch.bytes", 8 * 1024 * 1024);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			String from = this.alias.currentIndex();
			if (from == null || from.equals(this.alias.name())) {
				throw new IOException("there is no index behind the alias " + this.alias.name()
						+ " yet: the indexer makes it when it starts");
			}
			String target = this.alias.nextVersion();
			Build build = new Build(consumer, from, target, started);
			this.alias.createIndex(target, false);
			this.client.indices().putSettings(p -> p.index(target).settings(s -> s.refreshInterval(t -> t.time("-1"))));
			build.readToTheEnd(false);
			this.client.indices().putSettings(p -> p.index(target).settings(s -> s.refreshInterval(t -> t.time("1s"))));
			Instant marksCopied = Instant.now();
			build.copyGoneMarks(null);
			this.client.indices().refresh(r -> r.index(target));
			this.client.indices().refresh(r -> r.index(from));
			long built = this.client.count(c -> c.index(target)).count();
			long current = this.client.count(c -> c.index(from)).count();
			long behind = build.behindNow();
			if (built + behind < current && !force) {
				throw new IOException("the new index " + target + " holds " + built + " replies and the current " + from
						+ " " + current + ": " + TOPIC_LACKS + "; the alias stays on " + from + " (" + target
						+ " is kept for a look; rebuild with force=true to move the alias all the same)");
			}
			this.alias.switchTo(from, target);
			log.info("The alias {} now points at {} instead of {}", this.alias.name(), target, from);
			build.report(State.SWITCHED, null);
			build.readToTheEnd(true);
			build.copyGoneMarks(marksCopied);
			build.report(State.DONE, "the alias " + this.alias.name() + " points at " + target + "; " + from
					+ " is kept until it is dropped");
		}
		catch (IOException | RuntimeException ex) {
			log.error("The rebuild failed", ex);
			Progress last = this.progress.get();
			this.progress.set(last.finished(State.FAILED, "the rebuild failed: " + ex.getMessage()));
		}
	}

	/** One rebuild's reading and writing. */
	private final class Build {

		private final KafkaConsumer<String, byte[]> consumer;

		private final List<TopicPartition> partitions;

		private final String from;

		private final String target;

		private final Instant started;

		private final ReplyIndexer writer;

		private long read;

		private long skipped;

		private long goneMarks;

		Build(KafkaConsumer<String, byte[]> consumer, String from, String target, Instant started) {
			this.consumer = consumer;
			this.from = from;
			this.target = target;
			this.started = started;
			this.partitions = consumer.partitionsFor(IndexRebuild.this.topic)
				.stream()
				.map(p -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			if (this.partitions.isEmpty()) {
				throw new IllegalStateException("the topic " + IndexRebuild.this.topic + " does not exist");
			}
			consumer.assign(this.partitions);
			consumer.seekToBeginning(this.partitions);
			// Changes are not announced: the rebuild's writer counts nothing live.
			this.writer = new ReplyIndexer(IndexRebuild.this.client, new ReplyIndex(IndexRebuild.this.client, target),
					new SimpleMeterRegistry());
		}

		/**
		 * Reads and indexes up to the topic's end; unless {@code once}, again up to the
		 * new end while more than {@link #CAUGHT_UP} records came meanwhile.
		 */
		void readToTheEnd(boolean once) throws IOException {
			Map<TopicPartition, Long> end = this.consumer.endOffsets(this.partitions);
			while (true) {
				while (behind(end) > 0) {
					List<ReplyIndexer.Incoming> batch = new ArrayList<>();
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofSeconds(1))) {
						this.read++;
						try {
							if (record.value() == null) {
								throw new UnreadableRecordException("a tombstone");
							}
							batch.add(new ReplyIndexer.Incoming(
									IndexerConfiguration.enriched(IndexRebuild.this.records, record.value()),
									IndexerConfiguration.position(record.topic(), record.partition(),
											record.offset())));
						}
						catch (UnreadableRecordException ex) {
							// The live indexer dead-lettered it with the reason.
							this.skipped++;
						}
					}
					ReplyIndexer.Outcome outcome = this.writer.index(batch);
					if (outcome.refused() != null) {
						this.skipped++;
					}
					report(State.BUILDING, null, end);
				}
				if (once) {
					return;
				}
				end = this.consumer.endOffsets(this.partitions);
				if (behind(end) <= CAUGHT_UP) {
					return;
				}
			}
		}

		/**
		 * Marks gone in the new index what the current one has marked gone: all, or those
		 * indexed since {@code since} (the marks the live indexer made meanwhile).
		 */
		void copyGoneMarks(Instant since) throws IOException {
			List<FieldValue> after = List.of();
			while (true) {
				List<FieldValue> from = after;
				List<Hit<Reply>> hits = IndexRebuild.this.client.search(s -> {
					s.index(this.from)
						.size(GONE_PAGE)
						.source(src -> src.filter(f -> f.includes("id", "urls", "goneUrls", "withdrawnAt")))
						.query(q -> q.bool(b -> {
							b.filter(f -> f.exists(e -> e.field("goneUrls")));
							return since == null ? b : b
								.filter(f -> f.range(r -> r.date(d -> d.field("indexedAt").gte(since.toString()))));
						}))
						.sort(o -> o.field(f -> f.field("id")));
					return from.isEmpty() ? s : s.searchAfter(from);
				}, Reply.class).hits().hits();
				if (hits.isEmpty()) {
					return;
				}
				for (Hit<Reply> hit : hits) {
					Reply reply = hit.source();
					for (String url : reply.goneUrls()) {
						Instant goneAt = reply.withdrawnAt() != null ? reply.withdrawnAt() : Instant.now();
						this.goneMarks += this.writer.markGone(new PageGone(url, reply.site(), 404, goneAt), null)
							.size();
					}
				}
				report(this.progress().state(), null);
				after = hits.get(hits.size() - 1).sort();
			}
		}

		private Progress progress() {
			return IndexRebuild.this.progress.get();
		}

		/** Records still to read, up to the topic's end as it is now. */
		long behindNow() {
			return behind(this.consumer.endOffsets(this.partitions));
		}

		private long behind(Map<TopicPartition, Long> end) {
			long behind = 0;
			for (TopicPartition partition : this.partitions) {
				behind += Math.max(0, end.get(partition) - this.consumer.position(partition));
			}
			return behind;
		}

		void report(State state, String message) {
			report(state, message, this.consumer.endOffsets(this.partitions));
		}

		private void report(State state, String message, Map<TopicPartition, Long> end) {
			boolean finished = state == State.DONE;
			// Once done, what reaches the topic is the live indexer's to write, through
			// the
			// alias that now points at the new index: nothing remains for the rebuild.
			long remaining = finished ? 0 : behind(end);
			double seconds = Math.max(0.001, Duration.between(this.started, Instant.now()).toMillis() / 1000.0);
			double rate = this.read / seconds;
			Long eta = rate > 0 ? Math.round(remaining / rate) : null;
			IndexRebuild.this.progress.set(new Progress(state, this.target, this.from, this.read, this.read + remaining,
					remaining, Math.round(rate * 10) / 10.0, finished ? null : eta, this.skipped, this.goneMarks,
					this.started, finished ? Instant.now() : null, message));
		}

	}

	public enum State {

		/** Reading the topic's beginning. */
		STARTING,
		/** Indexing the topic into the new index. */
		BUILDING,
		/** The alias points at the new index; what came meanwhile is being read. */
		SWITCHED,
		/** Finished: the alias points at the new index. */
		DONE,
		/**
		 * Stopped with an error; the alias is where it was unless the state was SWITCHED.
		 */
		FAILED

	}

	/**
	 * How a rebuild goes.
	 *
	 * @param state where it is
	 * @param index the index it builds
	 * @param previousIndex the index the alias pointed at when it started
	 * @param records records read from the topic so far
	 * @param total records to read, as far as known now (the topic grows meanwhile)
	 * @param remaining records still to read (offsets behind the end: a compacted topic
	 * has gaps, so an upper bound); 0 once done, when records that came after the alias
	 * moved are the live indexer's
	 * @param recordsPerSecond the rate so far
	 * @param etaSeconds at this rate, how long the remaining records take; null when done
	 * or not known
	 * @param skipped records it could not index: unreadable (the live indexer
	 * dead-letters those) or refused by Elasticsearch
	 * @param goneMarks replies it marked gone, as the previous index had them
	 * @param startedAt when it started
	 * @param finishedAt when it finished, null until then
	 * @param message what became of it, when it is done or failed
	 */
	public record Progress(State state, String index, String previousIndex, long records, long total, long remaining,
			double recordsPerSecond, Long etaSeconds, long skipped, long goneMarks, Instant startedAt,
			Instant finishedAt, String message) {

		Progress finished(State end, String why) {
			return new Progress(end, this.index, this.previousIndex, this.records, this.total, this.remaining,
					this.recordsPerSecond, null, this.skipped, this.goneMarks, this.startedAt, Instant.now(), why);
		}

	}

}
