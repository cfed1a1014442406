package dev.dafu.indexer;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.security.OperatorSecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The operator's index API in a web slice, Elasticsearch behind it stood in for: only the
 * operator may use it, and an index is dropped only when nothing reads or writes it.
 */
@WebMvcTest(controllers = IndexController.class,
		properties = { "spring.config.name=indexer", "spring.security.user.name=operator",
				"spring.security.user.password=secret", "spring.security.user.roles=OPERATOR" })
@Import(OperatorSecurityConfiguration.class)
class IndexControllerTest {

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ElasticsearchClient client;

	@MockitoBean
	ReplyIndex alias;

	@MockitoBean
	IndexRebuild rebuild;

	@BeforeEach
	void twoIndicesTheAliasPointingAtTheSecond() throws Exception {
		given(this.alias.name()).willReturn("replies");
		given(this.alias.versions()).willReturn(List.of("replies-1", "replies-2"));
		given(this.alias.currentIndex()).willReturn("replies-2");
	}

	@Test
	void withoutCredentialsNothingIsShownStartedOrDropped() throws Exception {
		this.mvc.perform(get("/api/index")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/index/rebuild")).andExpect(status().isUnauthorized());
		this.mvc.perform(delete("/api/index/indices/replies-1")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.client, this.rebuild);
	}

	@Test
	void theIndexTheAliasPointsAtIsNotDropped() throws Exception {
		this.mvc.perform(delete("/api/index/indices/replies-2").header("Authorization", OPERATOR))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("the alias replies points at replies-2"));
		verifyNoInteractions(this.client);
	}

	@Test
	void onlyTheAliasesOwnIndicesCanBeDropped() throws Exception {
		this.mvc.perform(delete("/api/index/indices/dafu-sites").header("Authorization", OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("dafu-sites is not an index of replies"));
		verifyNoInteractions(this.client);
	}

	@Test
	void aSecondRebuildWhileOneRunsIsAConflictThatNamesIt() throws Exception {
		given(this.rebuild.start(false))
			.willThrow(new IllegalStateException("a rebuild is running already: replies-3"));

		this.mvc.perform(post("/api/index/rebuild").header("Authorization", OPERATOR))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("a rebuild is running already: replies-3"));
	}

	@Test
	void noRebuildYetIsNotFound() throws Exception {
		this.mvc.perform(get("/api/index/rebuild").header("Authorization", OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no rebuild was started on this instance"));
	}

}
