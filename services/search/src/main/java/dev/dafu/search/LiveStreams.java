package dev.dafu.search;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.dafu.reply.Reply;
import dev.dafu.search.PublishedReplies.Event;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live streams of announced replies to clients, each filtered like a search: each stream
 * has a queue of its own and a thread that sends from it, so a slow client slows only
 * itself (one whose queue fills is closed, and resumes by {@code Last-Event-ID}), with a
 * comment line at once and as a heartbeat when nothing was sent for a while. At most
 * {@code maxStreams} at once.
 */
public class LiveStreams {

	private static final int QUEUE = 1000;

	private final PublishedReplies published;

	private final Duration heartbeat;

	private final Duration timeout;

	private final Semaphore slots;

	private final ExecutorService senders;

	public LiveStreams(PublishedReplies published, int maxStreams, Duration heartbeat, Duration timeout) {
		this.published = published;
		this.heartbeat = heartbeat;
		this.timeout = timeout;
		this.slots = new Semaphore(maxStreams);
		AtomicInteger count = new AtomicInteger();
		this.senders = Executors.newCachedThreadPool(task -> {
			Thread thread = new Thread(task, "live-stream-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A stream of the replies {@code matcher} lets through, from after
	 * {@code lastEventId} (or from now), or empty when {@code maxStreams} are open.
	 * @throws BadSearchRequestException when {@code lastEventId} is not an id the stream
	 * sent
	 */
	public Optional<SseEmitter> open(Predicate<Reply> matcher, String lastEventId) {
		if (!this.slots.tryAcquire()) {
			return Optional.empty();
		}
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE);
		Stream stream = new Stream(emitter, queue, matcher);
		boolean missedEvents;
		try {
			missedEvents = !resumed(lastEventId, stream);
		}
		catch (BadSearchRequestException ex) {
			this.slots.release();
			throw ex;
		}
		emitter.onCompletion(stream::close);
		emitter.onTimeout(stream::close);
		emitter.onError(error -> stream.close());
		this.senders.execute(() -> stream.send(missedEvents));
		return Optional.of(emitter);
	}

	/**
	 * Subscribes {@code stream} from after {@code lastEventId}, or, when that cannot be
	 * replayed, from now: false then.
	 */
	private boolean resumed(String lastEventId, Stream stream) {
		try {
			this.published.subscribe(lastEventId, QUEUE, stream);
			return true;
		}
		catch (PublishedReplies.MissedEventsException ex) {
			this.published.subscribe(null, QUEUE, stream);
			return false;
		}
	}

	/** One client's stream. */
	private final class Stream implements Consumer<Event> {

		private final SseEmitter emitter;

		private final BlockingQueue<Event> queue;

		private final Predicate<Reply> matcher;

		/** Per partition, the next offset to send: drops an event heard twice. */
		private final Map<Integer, Long> next = new HashMap<>();

		private final AtomicBoolean closed = new AtomicBoolean();

		Stream(SseEmitter emitter, BlockingQueue<Event> queue, Predicate<Reply> matcher) {
			this.emitter = emitter;
			this.queue = queue;
			this.matcher = matcher;
		}

		@Override
		public void accept(Event event) {
			if (!this.queue.offer(event)) {
				// Too slow to keep up: closed, so it resumes by Last-Event-ID.
				close();
				this.emitter.complete();
			}
		}

		void send(boolean missedEvents) {
			try {
				// Sent at once, so the response starts and a browser's EventSource knows
				// it is connected before the first event or heartbeat.
				this.emitter.send(SseEmitter.event().comment("open"));
				if (missedEvents) {
					this.emitter.send(SseEmitter.event()
						.name("missed")
						.data(new PublishedReplies.MissedEventsException().getMessage()));
				}
				while (!this.closed.get()) {
					Event event = this.queue.poll(LiveStreams.this.heartbeat.toMillis(), TimeUnit.MILLISECONDS);
					if (event == null) {
						this.emitter.send(SseEmitter.event().comment("heartbeat"));
					}
					else if (event.offset() >= this.next.getOrDefault(event.partition(), Long.MIN_VALUE)) {
						this.next.put(event.partition(), event.offset() + 1);
						Reply reply = event.reply();
						if (reply != null && this.matcher.test(reply)) {
							this.emitter.send(SseEmitter.event()
								.id(event.id())
								.name(event.type())
								.data(event.json(), MediaType.APPLICATION_JSON));
						}
					}
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				close();
			}
		}

		void close() {
			if (this.closed.compareAndSet(false, true)) {
				LiveStreams.this.published.unsubscribe(this);
				LiveStreams.this.slots.release();
			}
		}

	}

}
