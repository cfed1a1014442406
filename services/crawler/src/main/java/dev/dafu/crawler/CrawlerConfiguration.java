package dev.dafu.crawler;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.elasticsearch.IndexSetup;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrawlerProperties.class)
@EnableScheduling
class CrawlerConfiguration {

	/** The output binding for {@code crawl.pages}; see {@code crawler.yml}. */
	static final String PAGES_BINDING = "crawledPages-out-0";

	@Bean
	ElasticsearchDocuments<SiteProfile> siteProfiles(ElasticsearchClient elasticsearchClient) {
		return new ElasticsearchDocuments<>(elasticsearchClient, "dafu-sites", SiteProfile.class, true);
	}

	@Bean
	ElasticsearchDocuments<CrawlRecord> crawlRecords(ElasticsearchClient elasticsearchClient) {
		return new ElasticsearchDocuments<>(elasticsearchClient, "dafu-crawls", CrawlRecord.class, true);
	}

	@Bean
	ElasticsearchDocuments<PageHistory.PageState> pageStates(ElasticsearchClient elasticsearchClient) {
		return new ElasticsearchDocuments<>(elasticsearchClient, "dafu-pages", PageHistory.PageState.class, false);
	}

	/** Hands each page to {@code crawl.pages}, keyed by its canonical URL. */
	@Bean
	SiteCrawler siteCrawler(CrawlerProperties properties, StreamBridge streamBridge,
			ElasticsearchDocuments<PageHistory.PageState> pageStates) {
		PageFetcher fetcher = new PageFetcher(properties.userAgent(), properties.timeout(),
				properties.maxPageSize().toBytes(), properties.maxAttempts(), properties.retryBackoff());
		return new SiteCrawler(fetcher, properties.robotsName(), page -> {
			if (!streamBridge.send(PAGES_BINDING,
					MessageBuilder.withPayload(page).setHeader(KafkaHeaders.KEY, page.url()).build())) {
				throw new IllegalStateException("crawl.pages did not accept " + page.url());
			}
		}, new PageHistory() {

			@Override
			public Optional<PageState> get(String url) {
				return pageStates.get(PageHistory.idOf(url));
			}

			@Override
			public void put(PageState state) {
				pageStates.put(PageHistory.idOf(state.url()), state);
			}
		});
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService crawlExecutor(CrawlerProperties properties) {
		return Executors.newFixedThreadPool(properties.parallelCrawls());
	}

	@Bean
	Crawls crawls(ElasticsearchDocuments<SiteProfile> siteProfiles, ElasticsearchDocuments<CrawlRecord> crawlRecords,
			SiteCrawler siteCrawler, ExecutorService crawlExecutor) {
		return new Crawls(siteProfiles, crawlRecords, siteCrawler, crawlExecutor);
	}

	@Bean
	ScheduledCrawls scheduledCrawls(ElasticsearchDocuments<SiteProfile> siteProfiles, Crawls crawls) {
		return new ScheduledCrawls(siteProfiles, crawls);
	}

	/** Creates the crawler's indices before anything reads or writes them. */
	@Bean
	IndexSetup crawlerIndices(ElasticsearchDocuments<SiteProfile> siteProfiles,
			ElasticsearchDocuments<CrawlRecord> crawlRecords,
			ElasticsearchDocuments<PageHistory.PageState> pageStates) {
		return new IndexSetup("create the crawler's indices", () -> {
			siteProfiles.createIndexIfMissing();
			crawlRecords.createIndexIfMissing();
			pageStates.createIndexIfMissing();
		});
	}

	/** Registers the configured sites and, if asked, crawls each once. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> configuredSites(CrawlerProperties properties,
			ElasticsearchDocuments<SiteProfile> siteProfiles, Crawls crawls) {
		return event -> {
			for (SiteProfile site : properties.sites()) {
				siteProfiles.put(site.id(), site.validated());
				if (properties.crawlOnStartup()) {
					crawls.start(site.id(), "startup");
				}
			}
		};
	}

}
