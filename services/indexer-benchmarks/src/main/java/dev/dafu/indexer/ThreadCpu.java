package dev.dafu.indexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a process's CPU time goes, by kind of thread, from Linux's {@code /proc} (clock
 * ticks of user and system time): JIT compilers, garbage collector, Kafka consumers and
 * producers and the rest. Empty elsewhere.
 */
final class ThreadCpu {

	private static final long TICKS_PER_SECOND = 100;

	private ThreadCpu() {
	}

	/** Ticks used so far by each kind of thread of {@code pid}. */
	static Map<String, Long> of(long pid) {
		Map<String, Long> ticks = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String comm = Files.readString(task.resolve("comm")).strip();
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.merge(kind(comm), Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			return Map.of();
		}
		return ticks;
	}

	/** Seconds used by each kind of thread since {@code before}, the largest first. */
	static String since(long pid, Map<String, Long> before) {
		return of(pid).entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
			.filter(e -> e.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / (double) TICKS_PER_SECOND))
			.collect(Collectors.joining(", "));
	}

	private static String kind(String comm) {
		if (comm.startsWith("C1 ") || comm.startsWith("C2 ")) {
			return "JIT";
		}
		if (comm.startsWith("GC ") || comm.startsWith("VM Thread") || comm.startsWith("G1")) {
			return "GC and VM";
		}
		if (comm.startsWith("kafka-producer")) {
			return "Kafka producer";
		}
		if (comm.startsWith("KafkaConsumerDe") || comm.contains("-C-")) {
			return "consumers";
		}
		if (comm.startsWith("elasticsearch")) {
			return "Elasticsearch client";
		}
		return comm.replaceAll("[-_ ]?\\d+$", "");
	}

}
