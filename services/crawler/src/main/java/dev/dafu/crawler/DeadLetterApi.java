package dev.dafu.crawler;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;

import dev.dafu.stream.DeadLetters;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter topics of every stage, for the operator: what waits in each and why,
 * and a replay once what failed them is fixed (see {@link DeadLetters}).
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterApi {

	private final DeadLetters deadLetters;

	DeadLetterApi(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	List<DeadLetters.TopicReport> list() {
		return this.deadLetters.list();
	}

	@PostMapping("/replay")
	DeadLetters.ReplayReport replay(@RequestParam(required = false) String topic,
			@RequestParam(required = false) String reason) {
		return this.deadLetters.replay(blankToNull(topic), blankToNull(reason));
	}

	@GetMapping("/replays/{replayId}")
	DeadLetters.ReplayReport replayStatus(@PathVariable String replayId) {
		return this.deadLetters.replayStatus(replayId);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DeadLetterProperties.class)
	static class DeadLetterConfiguration {

		@Bean
		DeadLetters deadLetters(KafkaProperties kafka, DeadLetterProperties deadLetters) {
			return new DeadLetters(kafka.buildAdminProperties(), deadLetters.topics(), deadLetters.markersTopic());
		}

		/**
		 * Where replays record what they sent back: one record a dead letter, compacted.
		 */
		@Bean
		NewTopic deadLetterMarkers(DeadLetterProperties deadLetters) {
			return TopicBuilder.name(deadLetters.markersTopic()).partitions(1).compact().build();
		}

	}

}
