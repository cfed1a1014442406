package dev.dafu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child process, its output in a log file, stopped with its whole
 * process tree.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final String name;

	private final Process process;

	private final Path log;

	private ServerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	public static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
			Path log) throws IOException {
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new ServerProcess(name, builder.start(), log);
	}

	/**
	 * Has this JVM ask every process it started, and theirs, to stop (SIGTERM) when it is
	 * itself stopped (Ctrl-C, SIGTERM) before it closed them: an interrupted load run
	 * leaves no Kafka, Elasticsearch or service running.
	 */
	public static void stopChildrenOnExit() {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy),
					"stop-children"));
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	/** The CPU time the process (not its children) has used so far. */
	public Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Fails with the tail of the log when the process has already exited. */
	public void checkAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
					+ "; last lines of " + this.log + ":\n" + tail(this.log, 40));
		}
	}

	/**
	 * Kills the process tree at once (SIGKILL), as a crash would: nothing is closed,
	 * flushed or committed. Returns when it is gone.
	 */
	public void kill() throws InterruptedException {
		List<ProcessHandle> tree = this.process.descendants().toList();
		tree.forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly().waitFor();
	}

	/**
	 * Asks the process tree to stop (SIGTERM), then kills whatever is left after the
	 * timeout.
	 */
	@Override
	public void close() {
		List<ProcessHandle> tree = this.process.descendants().toList();
		tree.forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			for (ProcessHandle child : tree) {
				child.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			tree.forEach(ProcessHandle::destroyForcibly);
		}
	}

	static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
