package dev.dafu.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

class DeadLetterReasonTest {

	@Test
	void isTheMessageOfTheFirstFailureThatIsNotTheFrameworksWrapping() {
		Exception failure = new ListenerExecutionFailedException("Listener failed",
				new MessageHandlingException(new GenericMessage<>("page"), "error occurred in message handler [x]",
						new IllegalStateException("reply has no issuer (答复单位)", new RuntimeException("deeper"))));

		DeadLetterReason reason = DeadLetterReason.of(failure);

		assertThat(reason.message()).isEqualTo("reply has no issuer (答复单位)");
		assertThat(reason.type()).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void isTheLastFailuresWhenAllAreTheFrameworks() {
		Exception failure = new ListenerExecutionFailedException("Listener failed",
				new MessageHandlingException(new GenericMessage<>("page"), "the handler gave up"));

		assertThat(DeadLetterReason.of(failure).message()).isEqualTo("the handler gave up");
	}

	@Test
	void namesTheFailureWhenItHasNoMessageAndCutsALongOne() {
		assertThat(DeadLetterReason.of(new NullPointerException()).message()).isEqualTo("NullPointerException");
		assertThat(DeadLetterReason.of(new IllegalArgumentException("x".repeat(5000))).message())
			.hasSize(DeadLetterReason.MAX_LENGTH)
			.endsWith("…");
	}

}
