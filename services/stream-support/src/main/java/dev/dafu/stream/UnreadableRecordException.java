package dev.dafu.stream;

/**
 * A record that is not what its topic carries, or lacks what its consumer needs: it is
 * dead-lettered at once with this message as its reason, never retried.
 */
public class UnreadableRecordException extends RuntimeException {

	public UnreadableRecordException(String message) {
		super(message);
	}

}
