package dev.dafu.indexer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.dafu.local.ServerProcess;

/**
 * CPU time so far of the servers a load run started, of Kafka, of Elasticsearch and of
 * the run itself.
 */
final class ProcessCpu {

	private ProcessCpu() {
	}

	static Map<String, Duration> of(List<ServerProcess> services) {
		Map<String, Duration> cpu = new HashMap<>();
		services.forEach(service -> cpu.put(service.name(), service.cpuTime()));
		cpu.put("kafka", Duration.ZERO);
		cpu.put("elasticsearch", Duration.ZERO);
		ProcessHandle.allProcesses().forEach(process -> {
			String command = process.info().commandLine().orElse("");
			Duration time = process.info().totalCpuDuration().orElse(Duration.ZERO);
			if (command.contains("kafka.Kafka")) {
				cpu.merge("kafka", time, Duration::plus);
			}
			else if (command.contains("org.elasticsearch.bootstrap")) {
				cpu.merge("elasticsearch", time, Duration::plus);
			}
		});
		cpu.put("load run", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
		return cpu;
	}

	/** What each process spent between {@code before} and {@code after}, in seconds. */
	static String spent(Map<String, Duration> before, Map<String, Duration> after) {
		StringBuilder line = new StringBuilder();
		after.forEach((name, time) -> line.append(line.isEmpty() ? "" : ", ")
			.append(String.format("%s %.1f s", name,
					time.minus(before.getOrDefault(name, Duration.ZERO)).toMillis() / 1000.0)));
		return line.toString();
	}

}
