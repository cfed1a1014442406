package dev.dafu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM), run from
 * the jars Maven copied into {@code deploy/local/target/kafka/libs}. Its log segments
 * live under {@code dataDir}; a second start reuses them.
 */
public final class LocalKafka implements AutoCloseable {

	private final ServerProcess process;

	private final int port;

	private LocalKafka(ServerProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the broker and waits until it accepts connections.
	 * @param keepData false to start with no topics, dropping those of an earlier start
	 */
	public static LocalKafka start(Path kafkaLibs, Path dataDir, int port, int controllerPort, boolean keepData)
			throws IOException, InterruptedException {
		if (!Files.isDirectory(kafkaLibs)) {
			throw new IllegalStateException(kafkaLibs + " is missing: build first (./mvnw package -DskipTests)");
		}
		if (!keepData) {
			Folders.deleteTree(dataDir);
		}
		Files.createDirectories(dataDir);
		Path config = dataDir.resolve("server.properties");
		Files.writeString(config, serverProperties(dataDir.resolve("logs").toAbsolutePath(), port, controllerPort));
		Path log4j = dataDir.resolve("log4j.properties");
		Files.writeString(log4j, """
				log4j.rootLogger=INFO, stdout
				log4j.appender.stdout=org.apache.log4j.ConsoleAppender
				log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
				log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
				""");
		if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
			format(kafkaLibs, dataDir, config, log4j);
		}
		ServerProcess process = ServerProcess.start("kafka",
				java(kafkaLibs, log4j, "-Xms256m", "-Xmx512m", "kafka.Kafka", config.toString()), Map.of(), dataDir,
				dataDir.resolve("kafka.log"));
		LocalKafka kafka = new LocalKafka(process, port);
		try {
			Readiness.awaitPort(process, port, Duration.ofSeconds(90));
		}
		catch (RuntimeException | InterruptedException ex) {
			kafka.close();
			throw ex;
		}
		return kafka;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.process.close();
	}

	private static void format(Path kafkaLibs, Path dataDir, Path config, Path log4j)
			throws IOException, InterruptedException {
		List<String> command = java(kafkaLibs, log4j, "-Xmx256m", "kafka.tools.StorageTool", "format", "-t",
				clusterId(), "-c", config.toString());
		Path log = dataDir.resolve("kafka-format.log");
		Process format = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
			format.destroyForcibly();
			throw new IllegalStateException("formatting Kafka storage failed:\n" + ServerProcess.tail(log, 40));
		}
	}

	private static List<String> java(Path kafkaLibs, Path log4j, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(kafkaLibs.toAbsolutePath() + "/*");
		command.add("-Dlog4j.configuration=" + log4j.toUri());
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's
	 * own tool makes, and like it never starting with '-', which the tool would read as
	 * an option.
	 */
	private static String clusterId() {
		SecureRandom random = new SecureRandom();
		byte[] bytes = new byte[16];
		String id;
		do {
			random.nextBytes(bytes);
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

	private static String serverProperties(Path logDirs, int port, int controllerPort) {
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				message.max.bytes=16777216
				""".formatted(port, controllerPort, logDirs);
	}

}
