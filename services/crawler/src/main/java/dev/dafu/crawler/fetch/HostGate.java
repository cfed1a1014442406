package dev.dafu.crawler.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The politeness of one crawl towards one host: at most {@code maxConcurrency} requests
 * at once, each starting at least the delay after the previous request to the host
 * started and after the last answer from it came. With one request at a time, that is the
 * delay between one answer and the next request, however long each takes.
 */
final class HostGate {

	private final Semaphore slots;

	private final ReentrantLock turn = new ReentrantLock();

	/** When the last request started or the last answer came, whichever was later. */
	private Instant lastEvent;

	HostGate(int maxConcurrency) {
		this.slots = new Semaphore(maxConcurrency, true);
	}

	/** Waits for a free slot and for the delay to pass, then takes the slot. */
	void enter(Duration delay) throws InterruptedException {
		this.slots.acquire();
		try {
			this.turn.lockInterruptibly();
			try {
				if (this.lastEvent != null) {
					long wait = Duration.between(Instant.now(), this.lastEvent.plus(delay)).toMillis();
					if (wait > 0) {
						TimeUnit.MILLISECONDS.sleep(wait);
					}
				}
				this.lastEvent = Instant.now();
			}
			finally {
				this.turn.unlock();
			}
		}
		catch (InterruptedException ex) {
			this.slots.release();
			throw ex;
		}
	}

	/** Gives the slot back once the answer has come (or the request failed). */
	void leave() {
		this.turn.lock();
		try {
			this.lastEvent = Instant.now();
		}
		finally {
			this.turn.unlock();
		}
		this.slots.release();
	}

}
