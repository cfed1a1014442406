package dev.dafu.stream;

/**
 * Why a record was dead-lettered, as a person would write it: the message of the first
 * exception in the chain that is not the framework's own wrapping ("Listener failed",
 * "error occurred in message handler ...", a future's ExecutionException), or of the last
 * one when all are.
 *
 * @param type the class of that exception
 * @param message its message, at most {@value #MAX_LENGTH} characters
 */
record DeadLetterReason(String type, String message) {

	static final int MAX_LENGTH = 2000;

	private static final String FRAMEWORK = "org.springframework.";

	static DeadLetterReason of(Throwable failure) {
		Throwable reason = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			reason = cause;
			boolean wrapping = cause.getClass().getName().startsWith(FRAMEWORK)
					|| cause instanceof java.util.concurrent.ExecutionException
					|| cause instanceof java.util.concurrent.CompletionException;
			if (!wrapping) {
				break;
			}
		}
		String message = reason.getMessage() == null || reason.getMessage().isBlank()
				? reason.getClass().getSimpleName() : reason.getMessage().strip();
		if (message.length() > MAX_LENGTH) {
			message = message.substring(0, MAX_LENGTH - 1) + "…";
		}
		return new DeadLetterReason(reason.getClass().getName(), message);
	}

}
