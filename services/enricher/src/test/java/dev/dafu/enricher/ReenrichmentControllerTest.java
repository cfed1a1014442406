package dev.dafu.enricher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.dafu.security.OperatorSecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The re-enrichment API in a web slice, the run itself stood in for: the operator's only,
 * one run at a time, and its progress.
 */
@WebMvcTest(controllers = ReenrichmentController.class,
		properties = { "spring.config.name=enricher", "spring.security.user.name=operator",
				"spring.security.user.password=secret", "spring.security.user.roles=OPERATOR" })
@Import(OperatorSecurityConfiguration.class)
class ReenrichmentControllerTest {

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Reenrichment reenrichment;

	@Test
	void aStartedRunIsAcceptedAndItsProgressShown() throws Exception {
		Reenrichment.Progress running = new Reenrichment.Progress(Reenrichment.State.RUNNING, "enrichment-2", 10, 0, 3,
				7, Instant.parse("2026-12-04T00:00:00Z"), null, null);
		given(this.reenrichment.start()).willReturn(running);
		given(this.reenrichment.progress()).willReturn(running);

		this.mvc.perform(post("/api/reenrichment").header("Authorization", OPERATOR))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.state").value("RUNNING"));
		this.mvc.perform(get("/api/reenrichment").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reenriched").value(7));
	}

	@Test
	void aSecondRunWhileOneRunsIsAConflictSayingSo() throws Exception {
		given(this.reenrichment.start()).willThrow(new IllegalStateException("a re-enrichment is running already"));

		this.mvc.perform(post("/api/reenrichment").header("Authorization", OPERATOR))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("a re-enrichment is running already"));
	}

	@Test
	void progressBeforeAnyRunIsNotFoundSayingSo() throws Exception {
		this.mvc.perform(get("/api/reenrichment").header("Authorization", OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no re-enrichment was started on this instance"));
	}

	@Test
	void nothingStartsWithoutTheOperatorsCredentials() throws Exception {
		this.mvc.perform(post("/api/reenrichment")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.reenrichment);
	}

}
