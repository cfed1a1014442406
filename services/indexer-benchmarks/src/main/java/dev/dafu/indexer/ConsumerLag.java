package dev.dafu.indexer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, once a second, how many records of a topic each group has not committed yet:
 * the consumer lag a dashboard shows, with its largest and mean value over the sampling.
 */
final class ConsumerLag implements AutoCloseable {

	private final Admin admin;

	/** Group → its topic. */
	private final Map<String, String> topics = new HashMap<>();

	private final Map<String, long[]> samples = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

	private ConsumerLag(String bootstrapServers, Map<String, String> topicsByStage) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		topicsByStage.forEach((stage, topic) -> this.topics.put("dafu-" + stage, topic));
	}

	/** Starts sampling the lag of group {@code dafu-<stage>} on its topic, by stage. */
	static ConsumerLag sample(String bootstrapServers, Map<String, String> topicsByStage) {
		ConsumerLag lag = new ConsumerLag(bootstrapServers, topicsByStage);
		lag.sampler.scheduleAtFixedRate(lag::sampleNow, 0, 1, TimeUnit.SECONDS);
		return lag;
	}

	/** Largest and mean lag of the group, e.g. {@code max 5 120, mean 1 830 records}. */
	String summary(String group) {
		long[] sample = this.samples.getOrDefault(group, new long[3]);
		long mean = sample[2] == 0 ? 0 : sample[1] / sample[2];
		return String.format("max %,d, mean %,d records (%d samples)", sample[0], mean, sample[2]);
	}

	private void sampleNow() {
		this.topics.forEach((group, topic) -> {
			try {
				long lag = lag(group, topic);
				this.samples.merge(group, new long[] { lag, lag, 1 },
						(was, now) -> new long[] { Math.max(was[0], now[0]), was[1] + now[1], was[2] + 1 });
			}
			catch (Exception ex) {
				// The group may not have committed yet: no sample.
			}
		});
	}

	private long lag(String group, String topic) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
		this.admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
		long lag = 0;
		for (var end : this.admin.listOffsets(ends).all().get().entrySet()) {
			OffsetAndMetadata at = committed.get(end.getKey());
			lag += end.getValue().offset() - (at == null ? 0 : at.offset());
		}
		return lag;
	}

	@Override
	public void close() throws InterruptedException {
		this.sampler.shutdown();
		this.sampler.awaitTermination(10, TimeUnit.SECONDS);
		this.admin.close();
	}

}
