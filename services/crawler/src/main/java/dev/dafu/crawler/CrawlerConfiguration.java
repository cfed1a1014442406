package dev.dafu.crawler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrawlerProperties.class)
class CrawlerConfiguration {

	/** The output binding for {@code crawl.pages}; see {@code crawler.yml}. */
	static final String PAGES_BINDING = "crawledPages-out-0";

	private static final Logger log = LoggerFactory.getLogger(CrawlerConfiguration.class);

	/** Hands each page to {@code crawl.pages}, keyed by its canonical URL. */
	@Bean
	SiteCrawler siteCrawler(CrawlerProperties properties, StreamBridge streamBridge) {
		PageFetcher fetcher = new PageFetcher(properties.userAgent(), properties.timeout(),
				properties.maxPageSize().toBytes());
		return new SiteCrawler(fetcher, properties.robotsName(), page -> {
			if (!streamBridge.send(PAGES_BINDING,
					MessageBuilder.withPayload(page).setHeader(KafkaHeaders.KEY, page.url()).build())) {
				throw new IllegalStateException("crawl.pages did not accept " + page.url());
			}
		});
	}

	/** Crawls every configured site once after start-up, off the main thread. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> crawlOnStartup(CrawlerProperties properties, SiteCrawler siteCrawler,
			TaskExecutor applicationTaskExecutor) {
		return event -> {
			if (!properties.crawlOnStartup()) {
				return;
			}
			applicationTaskExecutor.execute(() -> {
				for (CrawlerProperties.Site site : properties.sites()) {
					try {
						siteCrawler.crawl(site);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (RuntimeException ex) {
						log.error("Crawl of site {} failed", site.id(), ex);
					}
				}
			});
		};
	}

}
