package dev.dafu.search;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rest of the search API in a web slice (statistics, suggestions, citations, exports,
 * live streams), Elasticsearch and the event stream behind it stood in for: what reaches
 * them, and the problem a caller reads when a limit is passed.
 */
@WebMvcTest(controllers = { StatsController.class, SuggestController.class, CitationController.class,
		ExportController.class, LiveStreamController.class }, properties = "spring.config.name=search")
@Import(PublicSearchSecurity.class)
class SearchApiTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ReplyStatistics statistics;

	@MockitoBean
	Suggestions suggestions;

	@MockitoBean
	ReplySearch search;

	@MockitoBean
	ReplyExport export;

	@MockitoBean
	LiveStreams streams;

	@Test
	void statisticsCountWhatTheFiltersChooseAndRefuseATopBeyondTheLimit() throws Exception {
		given(this.statistics.of(any(), any(), eq(5))).willReturn(new ReplyStatistics.Stats(3, Map.of()));

		this.mvc.perform(get("/api/stats").param("issuer", "上海市民政局").param("top", "5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3));
		ArgumentCaptor<SearchFilters> filters = ArgumentCaptor.forClass(SearchFilters.class);
		verify(this.statistics).of(any(), filters.capture(), eq(5));
		assertThat(filters.getValue().facets()).containsEntry(Facet.ISSUER, List.of("上海市民政局"));

		this.mvc.perform(get("/api/stats").param("top", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("top must be between 1 and 100"));
	}

	@Test
	void suggestionsForWhatWasTypedAndNoneBeyondTheirLimit() throws Exception {
		given(this.suggestions.of("养老", 8))
			.willReturn(new Suggestions.Suggested(List.of("上海市民政局"), List.of(), List.of()));

		this.mvc.perform(get("/api/suggest").param("q", "养老"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.issuers[0]").value("上海市民政局"));
		this.mvc.perform(get("/api/suggest").param("q", "养老").param("size", "21"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("size must be between 1 and 20"));
	}

	@Test
	void aCitationCodeLeadsToItsReplyListsSeveralAndNamesAnUnknownOne() throws Exception {
		Reply one = reply("0012");
		Reply other = reply("0013");
		given(this.search.cited("DF-ONE")).willReturn(List.of(one));
		given(this.search.cited("DF-TWO")).willReturn(List.of(one, other));
		given(this.search.cited("DF-NONE")).willReturn(List.of());

		this.mvc.perform(get("/api/cite/DF-ONE"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "/api/replies/" + one.id()));
		this.mvc.perform(get("/api/cite/DF-TWO"))
			.andExpect(status().isMultipleChoices())
			.andExpect(jsonPath("$.items[1].href").value("/api/replies/" + other.id()));
		this.mvc.perform(get("/api/cite/DF-NONE"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no reply has the citation code DF-NONE"));
	}

	@Test
	void anExportIsAnAttachmentWithItsCount() throws Exception {
		given(this.export.count(any(), any())).willReturn(2L);
		willAnswer(call -> {
			call.getArgument(3, OutputStream.class).write("id,title\n".getBytes(StandardCharsets.UTF_8));
			return null;
		}).given(this.export).csv(any(), any(), any(), any());

		MvcResult started = this.mvc.perform(get("/api/replies/export").param("q", "养老"))
			.andExpect(request().asyncStarted())
			.andReturn();
		this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"dafu-replies.csv\""))
			.andExpect(header().string("X-Total-Count", "2"))
			.andExpect(content().string("id,title\n"));
	}

	@Test
	void anExportInAnUnknownFormatOrLargerThanAllowedIsRefusedBeforeAnythingIsWritten() throws Exception {
		this.mvc.perform(get("/api/replies/export").param("format", "xml"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("format must be csv or jsonl, not \"xml\""));
		verifyNoInteractions(this.export);

		given(this.export.count(any(), any())).willReturn(100_001L);
		this.mvc.perform(get("/api/replies/export"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("the search finds 100001 replies and an export holds at most 100000: narrow it"));
	}

	@Test
	void aLiveStreamBeyondTheLimitIsTooManyRequestsSayingSo() throws Exception {
		given(this.streams.open(any(), any())).willReturn(Optional.empty());

		this.mvc.perform(get("/api/replies/stream").param("q", "养老"))
			.andExpect(status().isTooManyRequests())
			.andExpect(jsonPath("$.detail").value("at most 200 live streams at once: try again later"));
	}

	private static Reply reply(String number) {
		String title = "对市十六届人大二次会议第" + number + "号代表建议的答复";
		LocalDate date = LocalDate.of(2024, 6, 21);
		return new Reply(ReplyIdentity.of("上海市民政局", "沪民复〔2024〕" + number + "号", title), List.of(), List.of(), "test",
				title, null, "上海市民政局", null, null, null, date, date, null, List.of(), List.of(), "答复。", Map.of(),
				"0.3.0", List.of(), null, null, null, null);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SearchProperties.class)
	static class Configuration {

		@Bean
		ChineseSegmenter chineseSegmenter() {
			return new ChineseSegmenter();
		}

	}

}
