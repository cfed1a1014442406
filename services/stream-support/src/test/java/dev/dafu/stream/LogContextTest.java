package dev.dafu.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void linesAboutAReplyNameItsIdAndUrlUntilItIsClosed() {
		try (LogContext about = LogContext.reply("r1", "https://kw.sh.gov.cn/a.html")) {
			assertThat(MDC.get(LogContext.REPLY_ID)).isEqualTo("r1");
			assertThat(MDC.get(LogContext.URL)).isEqualTo("https://kw.sh.gov.cn/a.html");
		}
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void aRecordKeyThatIsAUrlIsAPagesAndAnyOtherAReplysId() {
		try (LogContext about = LogContext.ofKey("http://kw.sh.gov.cn/b.html".getBytes(StandardCharsets.UTF_8))) {
			assertThat(MDC.get(LogContext.URL)).isEqualTo("http://kw.sh.gov.cn/b.html");
			assertThat(MDC.get(LogContext.REPLY_ID)).isNull();
		}
		try (LogContext about = LogContext.ofKey("0f3a")) {
			assertThat(MDC.get(LogContext.REPLY_ID)).isEqualTo("0f3a");
			assertThat(MDC.get(LogContext.URL)).isNull();
		}
		try (LogContext about = LogContext.ofKey(null)) {
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
	}

	@Test
	void closingRemovesOnlyWhatItSet() {
		MDC.put("crawl", "c1");
		try (LogContext about = LogContext.page("https://kw.sh.gov.cn/c.html")) {
			assertThat(MDC.get("crawl")).isEqualTo("c1");
		}
		assertThat(MDC.get("crawl")).isEqualTo("c1");
		assertThat(MDC.get(LogContext.URL)).isNull();
	}

}
