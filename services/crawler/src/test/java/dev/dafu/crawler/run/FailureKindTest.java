package dev.dafu.crawler.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.dafu.crawler.fetch.AddressGuard;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.fetch.RobotsRules;

import static org.assertj.core.api.Assertions.assertThat;

class FailureKindTest {

	@Test
	void aFailedRequestIsNamedByWhatWentWrong() {
		assertThat(FailureKind.of(new HttpTimeoutException("request timed out"))).isEqualTo(FailureKind.TIMEOUT);
		assertThat(FailureKind.of(new UnknownHostException("nowhere.invalid"))).isEqualTo(FailureKind.UNKNOWN_HOST);
		assertThat(FailureKind.of(new ConnectException("Connection refused"))).isEqualTo(FailureKind.UNREACHABLE);
		assertThat(FailureKind.of(new IOException("reset"))).isEqualTo(FailureKind.UNREACHABLE);
		assertThat(FailureKind.of(new RobotsRules.RobotsUnavailableException("robots.txt answered 503")))
			.isEqualTo(FailureKind.ROBOTS_UNAVAILABLE);
		assertThat(FailureKind.of(new PageFetcher.OffSiteRedirectException(URI.create("https://a.example/1"),
				URI.create("https://b.example/1"))))
			.isEqualTo(FailureKind.OFF_SITE_REDIRECT);
		assertThat(FailureKind.of(new PageFetcher.PageTooLargeException(URI.create("https://a.example/1"), 1024)))
			.isEqualTo(FailureKind.TOO_LARGE);
		assertThat(FailureKind.of(new AddressGuard.BlockedAddressException("http://127.0.0.1/: a loopback address")))
			.isEqualTo(FailureKind.BLOCKED_ADDRESS);
	}

	@Test
	void labelsAreTheOnesOperatorsAndDashboardsAlreadyRead() {
		assertThat(Arrays.stream(FailureKind.values()).map(FailureKind::label)).containsExactly("invalid-url",
				"bad-feed", "bad-sitemap", "incomplete", "too-large", "blocked-address", "robots-unavailable",
				"off-site-redirect", "off-site-links", "timeout", "unknown-host", "unreachable");
		assertThat(FailureKind.http(404)).isEqualTo("http-404");
	}

}
