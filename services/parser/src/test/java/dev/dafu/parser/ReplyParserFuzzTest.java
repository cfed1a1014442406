package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.dafu.reply.CrawledPage;
import dev.dafu.testsupport.TestCorpus;

/**
 * Mutated and pathological pages: whatever arrives, the parser answers with replies, with
 * none, or with an {@link UnparseableReplyException} that names the reason; nothing else
 * escapes, and nothing takes unbounded time. The mutations are random but seeded, so a
 * failure names the seed and the page that reproduce it.
 */
class ReplyParserFuzzTest {

	private static final long SEED = 20261126L;

	private static final int ROUNDS = 3000;

	private static final String[] FRAGMENTS = { "<p>", "</p>", "<br>", "<div>", "</div>", "<table><tr><td>", "发文字号：",
			"办理结果：", "联系人：", "抄送：", "一、", "第", "号", "〔2024〕", "二〇二四年十三月四十日", "代表：", "建议的答复", "的会办意见",
			"<meta charset=\"gbk\">", "\u0000", "\uFFFD", "&#0;", "<!--", "<script>", "<![CDATA[", "\r\n", "　",
			"%PDF-1.7" };

	private final ReplyParser parser = new ReplyParser(2 * 1024 * 1024);

	@Test
	void mutatedCorpusPagesNeverCrashTheParser() {
		List<byte[]> seeds = corpusPages();
		Random random = new Random(SEED);
		for (int round = 0; round < ROUNDS; round++) {
			byte[] seed = seeds.get(random.nextInt(seeds.size()));
			byte[] mutated = mutate(seed, random);
			try {
				this.parser.parse(page(mutated, random.nextBoolean() ? "text/html" : null));
			}
			catch (UnparseableReplyException ex) {
				// The reason a dead letter carries, which an operator reads.
				assertThat(ex.reason()).as("round %d (seed %d): the reason", round, SEED)
					.isNotBlank()
					.doesNotEndWith("null");
			}
			catch (RuntimeException | StackOverflowError ex) {
				fail("round " + round + " (seed " + SEED + ") crashed the parser with " + ex + " on:\n"
						+ new String(mutated, StandardCharsets.UTF_8), ex);
			}
		}
	}

	@Test
	void pathologicalPagesAreReadInBoundedTime() {
		String han = "建议".repeat(200_000);
		List<String> pages = List.of("<div>".repeat(50_000) + "对第1号建议的答复" + "</div>".repeat(50_000),
				"<html><body>" + "<p>对市十六届人大二次会议第1号代表建议的答复</p>".repeat(30_000) + "</body></html>",
				"<p>上海市科学技术委员会</p><p>" + han + "</p><p>" + han + "的会办意见</p>",
				"<p>对第1号建议的答复</p><p>" + "在".repeat(300_000) + "</p><p>联系地址：" + "路 ".repeat(200_000) + "</p>",
				"<table>" + "<tr><td>发布机构：</td><td>局</td>".repeat(40_000) + "</table>",
				"<div class=\"info\">".repeat(20_000) + "发布时间：2024-01-01" + "</div>".repeat(20_000));
		for (String html : pages) {
			assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
				try {
					this.parser.parse(page(html.getBytes(StandardCharsets.UTF_8), "text/html"));
				}
				catch (UnparseableReplyException ex) {
					// a clear refusal is a fine answer
				}
			}, () -> "took too long on a page starting " + html.substring(0, 60));
		}
	}

	/** Pages and attachments of both corpus sites: HTML, PDF, DOCX, DOC, WPS, OFD. */
	private static List<byte[]> corpusPages() {
		List<byte[]> pages = new ArrayList<>();
		for (TestCorpus.Site site : List.of(TestCorpus.PUBLIC, TestCorpus.VARIED)) {
			JsonNode expected = site.expected();
			for (JsonNode reply : expected.get("replies")) {
				pages.add(site.page(reply.get("urls").get(0).asText()));
				reply.get("partUrls").forEach(part -> pages.add(site.page(part.asText())));
			}
			expected.get("listingPageUrls").forEach(url -> pages.add(site.page(url.asText())));
		}
		return pages;
	}

	private static byte[] mutate(byte[] seed, Random random) {
		byte[] page = seed;
		int mutations = 1 + random.nextInt(8);
		for (int i = 0; i < mutations; i++) {
			int at = random.nextInt(page.length + 1);
			switch (random.nextInt(6)) {
				case 0 -> page = Arrays.copyOf(page, at);
				case 1 -> page = splice(page, at,
						FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
				case 2 -> {
					if (page.length > 0) {
						page[random.nextInt(page.length)] = (byte) random.nextInt(256);
					}
				}
				case 3 -> {
					int length = Math.min(page.length - at, random.nextInt(2000));
					page = splice(page, at, Arrays.copyOfRange(page, at, at + length));
				}
				case 4 -> {
					int length = Math.min(page.length - at, random.nextInt(500));
					byte[] cut = new byte[page.length - length];
					System.arraycopy(page, 0, cut, 0, at);
					System.arraycopy(page, at + length, cut, at, page.length - at - length);
					page = cut;
				}
				default -> {
					byte[] noise = new byte[random.nextInt(64)];
					random.nextBytes(noise);
					page = splice(page, at, noise);
				}
			}
		}
		return page;
	}

	private static byte[] splice(byte[] page, int at, byte[] insert) {
		byte[] result = new byte[page.length + insert.length];
		System.arraycopy(page, 0, result, 0, at);
		System.arraycopy(insert, 0, result, at, insert.length);
		System.arraycopy(page, at, result, at + insert.length, page.length - at);
		return result;
	}

	private static CrawledPage page(byte[] content, String contentType) {
		return new CrawledPage("http://demo.test/fuzz.html", "demo", Instant.now(), 200, contentType, content);
	}

}
