package dev.dafu.crawler;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import dev.dafu.crawler.run.CrawlRecord;
import dev.dafu.crawler.run.CrawlSummary;
import dev.dafu.crawler.run.Crawls;
import dev.dafu.crawler.run.Trigger;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;
import dev.dafu.reply.PageOutcome;
import dev.dafu.security.OperatorSecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator API in a web slice: what an operator sends and reads, the crawler's state
 * behind it stood in for.
 */
@WebMvcTest(controllers = OperatorApi.class,
		properties = { "spring.config.name=crawler", "spring.security.user.name=operator",
				"spring.security.user.password=secret", "spring.security.user.roles=OPERATOR" })
@Import(OperatorSecurityConfiguration.class)
class OperatorApiTest {

	private static final String OPERATOR = "Basic "
			+ java.util.Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Sites sites;

	@MockitoBean
	Crawls crawls;

	@MockitoBean
	PageOutcomes outcomes;

	@Test
	void theReadmesExampleRegistersASite() throws Exception {
		String readmeExample = """
				{"id":"stcsm","name":"上海市科委","startUrls":["https://stcsm.sh.gov.cn/zwgk/jytabl/"],
				          "schedule":"0 0 3 * * *","delayMs":2000}""";

		this.mvc
			.perform(post("/api/sites").header("Authorization", OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(readmeExample))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value("stcsm"))
			.andExpect(jsonPath("$.allowPrivateNetwork").value(false))
			.andExpect(jsonPath("$.maxPages").value(1000));
		verify(this.sites).put(eq("stcsm"), any(SiteProfile.class));
	}

	@Test
	void theOperatorPagesOwnExampleProfileRegistersASite() throws Exception {
		String example;
		try (InputStream page = getClass().getResourceAsStream("/static/operator.html")) {
			example = Jsoup.parse(new String(page.readAllBytes(), StandardCharsets.UTF_8))
				.getElementById("profile")
				.wholeText();
		}

		this.mvc
			.perform(post("/api/sites").header("Authorization", OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(example))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value("example"));
	}

	@Test
	void aCrawlShowsWhatTheParserMadeOfItsPages() throws Exception {
		CrawlSummary summary = new CrawlSummary("varied", 33, 16, 0, 0, 0, 1, Map.of("http-404", 1),
				List.of("http://site.test/a.html: HTTP 404"), List.of(), null);
		CrawlRecord crawl = new CrawlRecord("c-1", "varied", CrawlRecord.State.SUCCEEDED, Trigger.MANUAL, Instant.now(),
				Instant.now(), Instant.now(), Instant.now(), summary, null, "instance", 0);
		given(this.crawls.find("c-1")).willReturn(Optional.of(crawl));
		given(this.outcomes.tally(anyCollection())).willReturn(Map.of("c-1",
				new PageOutcomes.Tally(15, 15, 13, 1, 1,
						List.of(new PageOutcomes.Reason(PageOutcome.Result.DEAD_LETTERED, "reply has no issuer (答复单位)",
								1, "http://site.test/b.html")))));

		this.mvc.perform(get("/api/crawls/c-1").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("c-1"))
			.andExpect(jsonPath("$.state").value("SUCCEEDED"))
			.andExpect(jsonPath("$.trigger").value("manual"))
			.andExpect(jsonPath("$.summary.newReplies").value(16))
			.andExpect(jsonPath("$.parsed.replies").value(15))
			.andExpect(jsonPath("$.parsed.deadLettered").value(1))
			.andExpect(jsonPath("$.parsed.reasons[0].reason").value("reply has no issuer (答复单位)"))
			.andExpect(jsonPath("$.parsed.reasons[0].exampleUrl").value("http://site.test/b.html"))
			.andExpect(jsonPath("$.awaitingParser").value(1));
	}

	@Test
	void nothingWithoutTheOperatorsCredentials() throws Exception {
		this.mvc.perform(get("/api/crawls/c-1")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/sites").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aProfileFieldItDoesNotHaveIsRefusedByName() throws Exception {
		this.mvc
			.perform(post("/api/sites").header("Authorization", OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": \"x\", \"startUrl\": [\"http://a.test/\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no field \"startUrl\"")));
		verify(this.sites, org.mockito.Mockito.never()).put(any(), any());
	}

	@Test
	void aProfileWithValuesOutOfBoundsIsRefusedWithEachFieldAndWhy() throws Exception {
		this.mvc
			.perform(post("/api/sites").header("Authorization", OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": \"Bad Id\", \"startUrls\": [], \"maxConcurrency\": 99}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("id: must match"),
						org.hamcrest.Matchers.containsString("maxConcurrency: must be less than or equal to 8"),
						org.hamcrest.Matchers.containsString("startUrls: must not be empty"))));
		verify(this.sites, org.mockito.Mockito.never()).put(any(), any());
	}

	@Test
	void aProfileThatIsNoJsonIsABadRequestThatSaysSo() throws Exception {
		this.mvc
			.perform(post("/api/sites").header("Authorization", OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": \"x\", \"startUrls\": [\"http://a.test/\"]"))
			.andExpect(status().isBadRequest());
	}

}
