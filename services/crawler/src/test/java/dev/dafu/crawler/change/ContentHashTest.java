package dev.dafu.crawler.change;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

	@Test
	void markupAReaderDoesNotSeeIsNoChange() {
		String before = new ContentHash()
			.add(Jsoup.parse("<html><body><!-- 2026-12-01 --><p>关于加强养老服务的答复</p>\n<p>办理情况</p></body></html>"))
			.hex();
		String after = new ContentHash().add(Jsoup.parse("<html><head><script>var t=1764547200;</script></head>"
				+ "<body><div class=\"x\"><p>关于加强养老服务的答复</p>  <p>办理情况</p></div></body></html>"))
			.hex();

		assertThat(after).isEqualTo(before);
	}

	@Test
	void changedTextOrAChangedFileIsAChange() {
		String page = new ContentHash().add(Jsoup.parse("<p>答复一</p>")).hex();

		assertThat(new ContentHash().add(Jsoup.parse("<p>答复二</p>")).hex()).isNotEqualTo(page);
		assertThat(new ContentHash().add(Jsoup.parse("<p>答复一</p>"))
			.add("%PDF-1.7 v2".getBytes(StandardCharsets.US_ASCII))
			.hex())
			.isNotEqualTo(new ContentHash().add(Jsoup.parse("<p>答复一</p>"))
				.add("%PDF-1.7 v1".getBytes(StandardCharsets.US_ASCII))
				.hex());
	}

}
