package dev.dafu.stream;

import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;

/**
 * Reads a record's JSON into what its topic carries, saying what is wrong when it cannot.
 * The bindings decode natively (the bytes as they came): the binder's own conversion
 * hands a function the raw bytes when it fails, which then fail with a
 * {@code ClassCastException} that names no field, and it turns a JSON array of numbers
 * into those bytes.
 */
public final class RecordReader {

	private final JsonMapper json;

	public RecordReader(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The record's payload as a {@code type}.
	 * @param what what the record should be, for the reason: "a crawled page"
	 * @param problem what is missing from a record that was read, or null when nothing is
	 * @throws UnreadableRecordException when the bytes are not such JSON, or
	 * {@code problem} names something
	 */
	public <T> T read(Message<?> record, Class<T> type, String what, Function<T, String> problem) {
		// A tombstone's payload is KafkaNull.
		if (!(record.getPayload() instanceof byte[] bytes) || bytes.length == 0) {
			throw new UnreadableRecordException("the record is empty, not " + what);
		}
		T value;
		try {
			value = this.json.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new UnreadableRecordException("the record is not " + what + ": " + ex.getOriginalMessage()
					+ (ex.getPath().isEmpty() ? "" : " (at " + path(ex) + ")"));
		}
		if (value == null) {
			throw new UnreadableRecordException("the record is JSON null, not " + what);
		}
		String missing = problem.apply(value);
		if (missing != null) {
			throw new UnreadableRecordException(what + " with " + missing);
		}
		return value;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			path.append('/')
				.append(reference.getPropertyName() != null ? reference.getPropertyName()
						: Integer.toString(reference.getIndex()));
		}
		return path.toString();
	}

}
