package dev.dafu.enricher.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

import dev.dafu.enricher.ReplyEnricher;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter;

/**
 * The heap the enricher needs after warm-up: the live heap after a full collection,
 * before the enricher exists, once it is made (HanLP's dictionaries and Dafu's data
 * loaded), and after it has enriched the public corpus {@code rounds} times. Run it with
 * {@code -XX:+UseSerialGC} so a collection is a full one.
 */
public final class EnricherHeapRun {

	private EnricherHeapRun() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		List<Reply> replies = EnricherBenchmark.replies("public");
		long before = liveHeap();
		ReplyEnricher enricher = new ReplyEnricher(new ChineseSegmenter());
		enricher.enrich(replies.get(0));
		long loaded = liveHeap();
		long start = System.nanoTime();
		int enriched = 0;
		for (int round = 0; round < rounds; round++) {
			for (Reply reply : replies) {
				enricher.enrich(reply);
				enriched++;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long after = liveHeap();
		System.out.printf(
				"live heap: %.1f MiB before, %.1f MiB with the enricher loaded, %.1f MiB after %d replies "
						+ "(%.0f replies/s on one thread, warm-up included)%n",
				mib(before), mib(loaded), mib(after), enriched, enriched / seconds);
	}

	private static long liveHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static double mib(long bytes) {
		return bytes / 1024.0 / 1024.0;
	}

}
