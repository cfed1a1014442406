package dev.dafu.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.MDC;

/**
 * What the log lines written while one record is handled are about: {@value #URL} for a
 * page, {@value #REPLY_ID} (and its first URL) for a reply, kept in the logging context
 * (MDC), so that JSON logs carry them as fields of their own and every line about one
 * page or reply can be found by it. Closing it takes them away again.
 */
public final class LogContext implements AutoCloseable {

	/** The page's URL. */
	public static final String URL = "url";

	/** The reply's id. */
	public static final String REPLY_ID = "reply.id";

	private final List<String> keys = new ArrayList<>(2);

	private LogContext() {
	}

	/** Lines about the page at {@code url}. */
	public static LogContext page(String url) {
		return new LogContext().with(URL, url);
	}

	/** Lines about the reply {@code id}, first published at {@code url} (may be null). */
	public static LogContext reply(String id, String url) {
		return new LogContext().with(REPLY_ID, id).with(URL, url);
	}

	/**
	 * Lines about a record by its key: the topics keep pages under their URL and replies
	 * under their id.
	 */
	public static LogContext ofKey(Object key) {
		String text = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: (key != null) ? key.toString() : null;
		if (text == null) {
			return new LogContext();
		}
		return (text.startsWith("http://") || text.startsWith("https://")) ? page(text) : reply(text, null);
	}

	private LogContext with(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
			this.keys.add(key);
		}
		return this;
	}

	@Override
	public void close() {
		this.keys.forEach(MDC::remove);
	}

}
