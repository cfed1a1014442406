package dev.dafu.crawler;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

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
 * @param crawlOnStartup crawl every configured site once when the crawler has started
 * @param sites the sites to crawl
 */
@Validated
@ConfigurationProperties("dafu.crawler")
public record CrawlerProperties(@NotBlank String userAgent, @NotBlank String robotsName, Duration timeout,
		DataSize maxPageSize, boolean crawlOnStartup, @Valid List<Site> sites) {

	public CrawlerProperties {
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(10) : maxPageSize;
		sites = sites == null ? List.of() : sites;
	}

	/**
	 * A site profile.
	 *
	 * @param id a short stable name, recorded on every page and reply
	 * @param startUrls the listing pages whose linked pages are fetched
	 */
	public record Site(@NotBlank String id, @NotEmpty List<URI> startUrls) {
	}

}
