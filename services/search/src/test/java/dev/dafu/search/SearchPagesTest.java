package dev.dafu.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Section;
import dev.dafu.reply.Submission;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The search pages in a web slice, Elasticsearch behind them stood in for: a reply page
 * shows what a site published as text, never as markup, and a page for a missing reply or
 * a bad search says so with its status.
 */
@WebMvcTest(controllers = { SearchPages.class, StatisticsPage.class, LivePage.class },
		properties = "spring.config.name=search")
@Import({ PublicSearchSecurity.class, FilterLabels.class })
class SearchPagesTest {

	private static final String HOSTILE = "<script>alert('x')</script>";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ReplySearch search;

	@MockitoBean
	RelatedReplies related;

	@MockitoBean
	NavigationTree tree;

	@MockitoBean
	ReplyStatistics statistics;

	@Test
	void aReplyPageShowsWhatTheSitePublishedAsTextNotMarkup() throws Exception {
		Reply reply = reply("关于加强养老服务的答复" + HOSTILE, "一、办理情况" + HOSTILE,
				List.of("javascript:alert(1)", "https://site.test/1.html"));
		given(this.search.find(reply.id())).willReturn(Optional.of(reply));
		given(this.related.of(any(), anyInt())).willReturn(List.of());

		this.mvc.perform(get("/replies/{id}", reply.id()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("关于加强养老服务的答复&lt;script&gt;")))
			.andExpect(content().string(not(containsString(HOSTILE))))
			.andExpect(content().string(not(containsString("href=\"javascript:"))))
			.andExpect(content().string(containsString("href=\"https://site.test/1.html\"")));
	}

	@Test
	void aReplyPageShowsTheWholeLetterItsHeadingsAnchoredForTheContents() throws Exception {
		Reply reply = reply("关于加强养老服务的答复", "一、办理情况", List.of("https://site.test/1.html"))
			.withBody("张三代表：\n您提出的建议收悉。\n一、办理情况\n加快养老服务。" + HOSTILE + "\n上海市民政局\n2024年6月21日");
		given(this.search.find(reply.id())).willReturn(Optional.of(reply));
		given(this.related.of(any(), anyInt())).willReturn(List.of());

		this.mvc.perform(get("/replies/{id}", reply.id()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<p>张三代表：</p>")))
			.andExpect(content().string(containsString("<p>您提出的建议收悉。</p>")))
			.andExpect(content().string(containsString("<h2 id=\"s1\">一、办理情况</h2>")))
			.andExpect(content().string(containsString("<p>2024年6月21日</p>")))
			.andExpect(content().string(not(containsString(HOSTILE))));
	}

	@Test
	void aReplyNoOneHasIsANotFoundPage() throws Exception {
		given(this.search.find("nope")).willReturn(Optional.empty());

		this.mvc.perform(get("/replies/nope")).andExpect(status().isNotFound());
	}

	@Test
	void aBadSearchIsABadRequestPageThatSaysWhyAndSearchesNothing() throws Exception {
		this.mvc.perform(get("/search").param("q", "养老").param("page", "100000"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("page")));
		verifyNoInteractions(this.search);
	}

	@Test
	void aCitationCodeOfOneReplyLeadsToIt() throws Exception {
		Reply reply = reply("关于加强养老服务的答复", "一、办理情况", List.of("https://site.test/1.html"));
		given(this.search.cited("DF-ABCD")).willReturn(List.of(reply));

		this.mvc.perform(get("/cite/DF-ABCD")).andExpect(redirectedUrl("/replies/" + reply.id()));
	}

	@Test
	void theStatisticsPageLinksEachBarToItsSearchAndShowsValuesAsText() throws Exception {
		given(this.statistics.of(any(), any(), anyInt())).willReturn(new ReplyStatistics.Stats(3,
				Map.of("issuer", List.of(new ReplyPage.FacetValue("上海市民政局" + HOSTILE, 3)))));

		this.mvc.perform(get("/stats").param("year", "2024"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("上海市民政局&lt;script&gt;")))
			.andExpect(content().string(not(containsString(HOSTILE))))
			.andExpect(content().string(containsString("year=2024")));
	}

	@Test
	void theLivePageFollowsTheSameSearchAndRefusesABadOne() throws Exception {
		this.mvc.perform(get("/live").param("q", "养老").param("issuer", "上海市民政局"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-stream=\"/api/replies/stream?")));
		this.mvc.perform(get("/live").param("q", "养".repeat(201)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(not(containsString("data-stream=\"/api"))));
	}

	private static Reply reply(String title, String heading, List<String> urls) {
		LocalDate date = LocalDate.of(2024, 6, 21);
		return new Reply(ReplyIdentity.of("上海市民政局", "沪民复〔2024〕12号", title), urls, List.of(), "test", title,
				"沪民复〔2024〕12号", "上海市民政局",
				new Submission(Submission.Kind.SUGGESTION, "0012", "市十六届人大二次会议", null, List.of("张三")), null, null, date,
				date, null, List.of(), List.of(new Section(heading, "加快养老服务。" + HOSTILE)), "加快养老服务。", Map.of(), "0.3.0",
				List.of(), null, null, null, null);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SearchProperties.class)
	static class Properties {

	}

}
