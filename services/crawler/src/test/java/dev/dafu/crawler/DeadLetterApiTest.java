package dev.dafu.crawler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dafu.security.OperatorSecurityConfiguration;
import dev.dafu.stream.DeadLetters;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dead-letter API in a web slice, Kafka behind it stood in for: the operator's only,
 * what it hands on, and a problem for a topic that is none of the dead-letter topics.
 */
@WebMvcTest(controllers = DeadLetterApi.class,
		properties = { "spring.config.name=crawler", "spring.security.user.name=operator",
				"spring.security.user.password=secret", "spring.security.user.roles=OPERATOR" })
@Import(OperatorSecurityConfiguration.class)
class DeadLetterApiTest {

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	DeadLetters deadLetters;

	@Test
	void theOperatorSeesWhatWaitsInEachTopicAndWhy() throws Exception {
		given(this.deadLetters.list()).willReturn(List.of(new DeadLetters.TopicReport("crawl.pages.dlq", 2, 0, 0,
				List.of(new DeadLetters.Reason("reply has no issuer (答复单位)", 2, List.of("http://site.test/b.html"))))));

		this.mvc.perform(get("/api/dead-letters").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].topic").value("crawl.pages.dlq"))
			.andExpect(jsonPath("$[0].reasons[0].reason").value("reply has no issuer (答复单位)"));
	}

	@Test
	void aReplayOfOneTopicAndReasonIsHandedOnAndABlankOneMeansAll() throws Exception {
		given(this.deadLetters.replay(any(), any()))
			.willReturn(new DeadLetters.ReplayReport("r-1", 2, Map.of("crawl.pages", 2L), 0, 0));

		this.mvc
			.perform(post("/api/dead-letters/replay").header("Authorization", OPERATOR)
				.param("topic", "crawl.pages.dlq")
				.param("reason", "issuer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.replayed").value(2));
		verify(this.deadLetters).replay("crawl.pages.dlq", "issuer");

		this.mvc.perform(post("/api/dead-letters/replay").header("Authorization", OPERATOR).param("reason", " "))
			.andExpect(status().isOk());
		verify(this.deadLetters).replay(null, null);
	}

	@Test
	void aTopicThatIsNoDeadLetterTopicIsABadRequestNamingThem() throws Exception {
		given(this.deadLetters.replay("crawl.pages", null)).willThrow(new IllegalArgumentException(
				"crawl.pages is not a dead-letter topic; they are [crawl.pages.dlq, replies.parsed.dlq]"));

		this.mvc
			.perform(post("/api/dead-letters/replay").header("Authorization", OPERATOR).param("topic", "crawl.pages"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("crawl.pages is not a dead-letter topic; they are [crawl.pages.dlq, replies.parsed.dlq]"));
	}

	@Test
	void nothingIsShownOrReplayedWithoutTheOperatorsCredentials() throws Exception {
		this.mvc.perform(get("/api/dead-letters")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/dead-letters/replay")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.deadLetters);
	}

}
