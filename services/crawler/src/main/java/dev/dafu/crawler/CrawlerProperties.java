package dev.dafu.crawler;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param userAgent the User-Agent sent with every request; names Dafu and where to learn
 * about it
 * @param robotsName the token matched against robots.txt {@code User-agent} lines
 * @param timeout how long one request may take, connect to last byte
 * @param maxPageSize a larger page is not fetched past this size and is reported as an
 * error
 * @param maxAttempts tries per request when a site answers 429 or 5xx or times out
 * @param retryBackoff the wait before the second try, doubled for each further one (a
 * Retry-After header wins, up to a minute)
 * @param parallelCrawls how many crawls this instance runs at once
 * @param crawlOnStartup crawl every configured site once when the crawler has started
 * @param sites site profiles registered (or updated) at start-up, next to those operators
 * register
 */
@Validated
@ConfigurationProperties("dafu.crawler")
public record CrawlerProperties(@NotBlank String userAgent, @NotBlank String robotsName, Duration timeout,
		DataSize maxPageSize, @Min(1) @Max(10) Integer maxAttempts, Duration retryBackoff,
		@Min(1) @Max(64) Integer parallelCrawls, boolean crawlOnStartup, @Valid List<SiteProfile> sites) {

	public CrawlerProperties {
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(10) : maxPageSize;
		maxAttempts = maxAttempts == null ? 3 : maxAttempts;
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
		parallelCrawls = parallelCrawls == null ? 2 : parallelCrawls;
		sites = sites == null ? List.of() : sites;
	}

}
