package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import dev.dafu.indexer.ReplyChange;
import dev.dafu.indexer.ReplyEvents;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.search.PublishedReplies;
import dev.dafu.testsupport.RealServers;

/**
 * The search pages in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), as a reader clicks through them. Without those installed the
 * tests are skipped, unless {@code DAFU_BROWSER_TESTS=required} (as {@code .ci/run} sets
 * it), which makes a missing browser a failure.
 */
@ExtendWith(RealServers.class)
class BrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * Where the test announces replies, as the indexer does on {@code replies.published}.
	 */
	private static final String EVENTS = "it-browser-live";

	static Services services;

	static JsonMapper json;

	static URI base;

	static ChromeDriver browser;

	static Path profile;

	@BeforeAll
	static void start() throws Exception {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "required".equals(System.getenv("DAFU_BROWSER_TESTS"))) {
			throw new IllegalStateException("DAFU_BROWSER_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install chromium chromium-driver");
		}
		Assumptions.assumeTrue(installed, "no Chromium: apt-get install chromium chromium-driver");
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1))).all().get();
		}
		services = new Services("replies-browser-it");
		ConfigurableApplicationContext search = services.startSearchOver(PageReplies.indexed(),
				"--dafu.search.events-topic=" + EVENTS);
		json = search.getBean(JsonMapper.class);
		await().atMost(Duration.ofSeconds(30)).until(search.getBean(PublishedReplies.class)::hearing);
		base = URI.create("http://127.0.0.1:" + Services.port(search));
		profile = Files.createTempDirectory("dafu-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile, "--window-size=1280,1000");
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		browser = new ChromeDriver(driver, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
		if (services != null) {
			services.close();
		}
	}

	@Test
	void aReaderSearchesFiltersByAFacetAndOpensAReplyWithItsFieldsAndRelatedReplies() {
		open("/search");
		WebElement box = browser.findElement(By.id("q"));
		box.sendKeys("科技", Keys.ENTER);
		waitFor(ExpectedConditions.urlContains("q="));
		assertThat(resultTitles()).contains(PageReplies.SCIENCE.title(), PageReplies.CO_HANDLER.title());

		facet("办理结果", "已解决或采纳").click();
		waitFor(ExpectedConditions.urlContains("result=RESOLVED"));
		assertThat(resultTitles()).containsExactly(PageReplies.SCIENCE.title());

		browser.findElement(By.linkText(PageReplies.SCIENCE.title())).click();
		waitFor(ExpectedConditions.urlContains("/replies/" + PageReplies.SCIENCE.id()));
		assertThat(browser.findElement(By.cssSelector(".card")).getText()).contains("沪科建复〔2024〕34号", "上海市科学技术委员会",
				"市十六届人大二次会议", "0671", "张三、李四");
		assertThat(browser.findElement(By.cssSelector("section.related")).getText())
			.contains(PageReplies.CO_HANDLER.title(), "同一建议提案");
	}

	@Test
	void aTopicLinkOnAReplyOpensTheSearchForThatTopic() {
		open("/replies/" + PageReplies.HOUSING.id());
		WebElement topic = browser.findElement(By.cssSelector(".about a[href^='/search?topic=']"));
		String name = topic.getText();

		topic.click();

		waitFor(ExpectedConditions.urlContains("topic="));
		assertThat(browser.findElements(By.cssSelector(".chosen a")).stream().map(WebElement::getText))
			.anyMatch(text -> text.contains(name));
		assertThat(resultTitles()).contains(PageReplies.HOUSING.title());
	}

	@Test
	void markupInAReplyIsShownAsTextAndNoneOfItRuns() {
		open("/replies/" + PageReplies.HOSTILE.id());

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(PageReplies.HOSTILE.title());
		assertThat(browser.findElement(By.cssSelector(".text")).getText())
			.contains("<script>document.title='pwned'</script>");
		assertThat(browser.getTitle()).doesNotContain("pwned");
		assertThat(browser.findElements(By.cssSelector("article img"))).isEmpty();
	}

	@Test
	void theSearchBoxSuggestsIssuersAndTitlesAsOneTypes() {
		open("/search");

		browser.findElement(By.id("q")).sendKeys("上海市科");

		waitFor(driver -> !driver.findElements(By.cssSelector("#suggestions option")).isEmpty());
		assertThat(browser.findElements(By.cssSelector("#suggestions option"))
			.stream()
			.map(option -> option.getDomProperty("value"))).contains("上海市科学技术委员会");
	}

	@Test
	void theStatisticsPageDrawsOneBarAYearAndABarOpensThatYearsSearch() {
		open("/stats");

		waitFor(driver -> !driver.findElements(By.cssSelector("section[data-chart=year] .plot svg")).isEmpty());
		Object bars = browser.executeScript("""
				const plot = document.querySelector('section[data-chart=year] .plot');
				return echarts.getInstanceByDom(plot).getOption().series[0].data.length;""");
		assertThat(((Number) bars).intValue()).as("2023 and 2024").isEqualTo(2);
		assertThat(browser.findElements(By.cssSelector("section[data-chart=year] tbody th"))
			.stream()
			.map(WebElement::getText)).containsExactly("2023", "2024");
	}

	@Test
	void aReplyPublishedWhileTheLivePageIsOpenAppearsOnItWithoutReload() throws Exception {
		open("/live?kind=PROPOSAL");
		waitFor(ExpectedConditions.textToBe(By.id("live-status"), "已连接，新发布或更新的答复会出现在下面。"));
		browser.executeScript("window.notReloaded = true");
		Reply proposal = SearchApiIT.reply("上海市民政局", "沪民提〔2024〕88号", "关于市政协十四届二次会议第0888号提案的答复",
				LocalDate.of(2024, 7, 1),
				new Submission(Submission.Kind.PROPOSAL, "0888", "市政协十四届二次会议", null, List.of("王五")), "A", "发展社区长者食堂。");
		Reply suggestion = SearchApiIT.reply("上海市民政局", "沪民建〔2024〕89号", "对市十六届人大二次会议第0889号代表建议的答复",
				LocalDate.of(2024, 7, 2), "发展社区长者食堂。");

		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (Reply reply : List.of(suggestion, proposal)) {
				producer.send(ReplyEvents.of(
						new ReplyChange(reply, ReplyChange.Kind.CREATED, "0".repeat(64), json.writeValueAsBytes(reply)),
						EVENTS))
					.get();
			}
		}

		waitFor(driver -> !driver.findElements(By.cssSelector("#feed li")).isEmpty());
		assertThat(browser.findElements(By.cssSelector("#feed li h2")).stream().map(WebElement::getText))
			.as("only what the page's filter lets through")
			.containsExactly(proposal.title());
		assertThat(browser.findElement(By.cssSelector("#feed li .badges")).getText()).contains("新发布", "提案");
		assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
	}

	@Test
	void theCitationCodeHasACopyButtonOnceScriptsRun() {
		open("/replies/" + PageReplies.SCIENCE.id());

		assertThat(browser.findElement(By.cssSelector("button.copy")).isDisplayed()).isTrue();
	}

	@Test
	void atPhoneWidthNothingIsWiderThanTheScreen() {
		browser.manage().window().setSize(new Dimension(375, 800));
		try {
			for (String path : List.of("/search?q=科技", "/replies/" + PageReplies.SCIENCE.id(), "/stats", "/live")) {
				open(path);
				Object wider = ((JavascriptExecutor) browser).executeScript("""
						const width = document.documentElement.clientWidth;
						return [...document.querySelectorAll('body *')]
						  .filter((e) => e.getBoundingClientRect().right > width + 1)
						  .map((e) => e.tagName + '.' + e.className);""");
				assertThat((List<?>) wider).as(path).isEmpty();
				assertThat(((Number) ((JavascriptExecutor) browser)
					.executeScript("return document.documentElement.scrollWidth")).intValue()).as(path)
					.isLessThanOrEqualTo(375);
			}
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 1000));
		}
	}

	private static void open(String path) {
		browser.get(base.resolve(path).toString());
	}

	private static List<String> resultTitles() {
		return browser.findElements(By.cssSelector("ol.results > li h2")).stream().map(WebElement::getText).toList();
	}

	private static WebElement facet(String facet, String label) {
		for (WebElement section : browser.findElements(By.cssSelector("aside.filters section"))) {
			if (section.findElement(By.tagName("h2")).getText().equals(facet)) {
				for (WebElement link : section.findElements(By.tagName("a"))) {
					if (link.findElement(By.tagName("span")).getText().equals(label)) {
						return link;
					}
				}
			}
		}
		throw new AssertionError("no " + facet + " facet value " + label);
	}

	private static void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
	}

}
