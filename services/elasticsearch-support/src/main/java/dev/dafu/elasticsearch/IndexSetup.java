package dev.dafu.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.context.SmartLifecycle;

/**
 * Creates or updates a service's indices as an explicit start-up step, before any binding
 * or scheduler starts, so nothing writes to an index that lacks its mapping. A failure
 * stops the service with the reason.
 */
public final class IndexSetup implements SmartLifecycle {

	private final String what;

	private final Step step;

	private volatile boolean running;

	/**
	 * @param what what the step does, for the error when it fails
	 * @param step the step
	 */
	public IndexSetup(String what, Step step) {
		this.what = what;
		this.step = step;
	}

	@Override
	public void start() {
		try {
			this.step.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot " + this.what, ex);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/** Talks to Elasticsearch, so it may fail with an IOException. */
	@FunctionalInterface
	public interface Step {

		void run() throws IOException;

	}

}
