package dev.dafu.crawler;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.dafu.crawler.site.SiteProfile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param userAgent the User-Agent sent with every request: it must name Dafu, and should
 * say where a site's operators can reach whoever runs this crawler (a URL or a mail
 * address); without one the crawler warns at start-up
 * @param robotsName the token matched against robots.txt {@code User-agent} lines
 * @param timeout how long one request may take, connect to last byte
 * @param maxPageSize a larger page is not fetched past this size and is reported as an
 * error
 * @param maxAttempts tries per request when a site answers 429 or 5xx or times out
 * @param retryBackoff the wait before the second try, doubled for each further one (a
 * Retry-After header wins, up to a minute)
 * @param parallelCrawls how many crawls this instance runs at once
 * @param crawlOnStartup crawl every configured site once when the crawler has started
 * @param scheduleTick how often the crawler looks for due site schedules and for crawls
 * an instance that died left unfinished
 * @param sites site profiles registered (or updated) at start-up, next to those operators
 * register
 */
@Validated
@ConfigurationProperties("dafu.crawler")
public record CrawlerProperties(
		@NotBlank @Pattern(regexp = ".*\\bDafu\\b.*",
				message = "must name Dafu, so sites know who is crawling them") String userAgent,
		@NotBlank String robotsName, Duration timeout, DataSize maxPageSize, @Min(1) @Max(10) Integer maxAttempts,
		Duration retryBackoff, @Min(1) @Max(64) Integer parallelCrawls, boolean crawlOnStartup,
		@DurationMin(millis = 100) Duration scheduleTick, @Valid List<SiteProfile> sites) {

	public CrawlerProperties {
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(10) : maxPageSize;
		maxAttempts = maxAttempts == null ? 3 : maxAttempts;
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
		parallelCrawls = parallelCrawls == null ? 2 : parallelCrawls;
		scheduleTick = scheduleTick == null ? Duration.ofSeconds(15) : scheduleTick;
		sites = sites == null ? List.of() : sites;
	}

	/** Whether the user agent says how to reach whoever runs the crawler. */
	boolean userAgentHasContact() {
		return this.userAgent.contains("http://") || this.userAgent.contains("https://")
				|| this.userAgent.contains("@");
	}

}
