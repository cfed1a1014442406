package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The search API in a web slice: what a caller sends and reads back, Elasticsearch behind
 * it stood in for. The API answers everyone's GET, refuses the rest, and answers bad
 * parameters with a problem that says what to change before anything is searched.
 */
@WebMvcTest(controllers = ReplyController.class, properties = "spring.config.name=search")
@Import(PublicSearchSecurity.class)
class ReplyControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ReplySearch search;

	@MockitoBean
	RelatedReplies related;

	@Test
	void aSearchHandsItsWordsAndFiltersOnWithoutCredentials() throws Exception {
		this.mvc.perform(get("/api/replies").param("q", "养老 -学区").param("issuer", "上海市民政局")).andExpect(status().isOk());

		ArgumentCaptor<SearchQuery> query = ArgumentCaptor.forClass(SearchQuery.class);
		ArgumentCaptor<SearchFilters> filters = ArgumentCaptor.forClass(SearchFilters.class);
		verify(this.search).search(query.capture(), filters.capture(), any(), any(), anyInt());
		assertThat(query.getValue().text()).contains("养老");
		assertThat(query.getValue().excluded()).containsExactly("学区");
		assertThat(filters.getValue().facets()).containsEntry(Facet.ISSUER, List.of("上海市民政局"));
	}

	@Test
	void aPageLargerThanAllowedIsABadRequestThatSaysTheLimitAndSearchesNothing() throws Exception {
		this.mvc.perform(get("/api/replies").param("size", "100000"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("size must be between 1 and 100"));
		verifyNoInteractions(this.search);
	}

	@Test
	void anUnknownReplyIsNotFoundAndNamesTheId() throws Exception {
		given(this.search.find("nope")).willReturn(Optional.empty());

		this.mvc.perform(get("/api/replies/nope"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no reply with id nope"));
	}

	@Test
	void relatedRepliesAskedForBeyondThePageLimitAreABadRequest() throws Exception {
		this.mvc.perform(get("/api/replies/any/related").param("size", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("size must be between 1 and 100"));
		verifyNoInteractions(this.search, this.related);
	}

	@Test
	void theApiIsReadOnly() throws Exception {
		this.mvc.perform(post("/api/replies").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.search);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SearchProperties.class)
	static class Properties {

	}

}
