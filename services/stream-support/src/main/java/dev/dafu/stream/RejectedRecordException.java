package dev.dafu.stream;

/**
 * A record that was read but whose content a store refuses to keep (a mapping error, a
 * document too large): it is dead-lettered at once with this message as its reason, never
 * retried.
 */
public class RejectedRecordException extends RuntimeException {

	public RejectedRecordException(String message) {
		super(message);
	}

}
