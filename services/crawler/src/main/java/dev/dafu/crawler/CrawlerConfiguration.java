package dev.dafu.crawler;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.fetch.PageFetcher;
import dev.dafu.crawler.run.CrawlRecords;
import dev.dafu.crawler.run.Crawls;
import dev.dafu.crawler.run.Frontier;
import dev.dafu.crawler.run.HostLeases;
import dev.dafu.crawler.run.PageSink;
import dev.dafu.crawler.run.ScheduledCrawls;
import dev.dafu.crawler.run.SiteBusyException;
import dev.dafu.crawler.run.SiteCrawler;
import dev.dafu.crawler.run.Trigger;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;
import dev.dafu.crawler.store.ElasticsearchDocuments;
import dev.dafu.elasticsearch.ElasticsearchFailures;
import dev.dafu.elasticsearch.IndexSetup;
import dev.dafu.reply.PageOutcome;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.stream.RecordReader;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrawlerProperties.class)
@EnableScheduling
class CrawlerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CrawlerConfiguration.class);

	@Bean
	Sites.ElasticsearchSites sites(ElasticsearchClient elasticsearchClient) {
		return Sites.inElasticsearch(elasticsearchClient);
	}

	@Bean
	CrawlRecords.ElasticsearchCrawlRecords crawlRecords(ElasticsearchClient elasticsearchClient) {
		return CrawlRecords.inElasticsearch(elasticsearchClient);
	}

	@Bean
	ElasticsearchDocuments<PageHistory.PageState> pageStates(ElasticsearchClient elasticsearchClient) {
		return PageHistory.states(elasticsearchClient);
	}

	@Bean
	ElasticsearchDocuments<HostLeases.HostLease> hostLeaseDocuments(ElasticsearchClient elasticsearchClient) {
		return new ElasticsearchDocuments<>(elasticsearchClient, "dafu-hosts", HostLeases.HostLease.class, false);
	}

	@Bean
	ElasticsearchDocuments<Frontier.Entry> frontierEntries(ElasticsearchClient elasticsearchClient) {
		return Frontier.entries(elasticsearchClient);
	}

	@Bean
	ElasticsearchDocuments<PageOutcomes.Stored> pageOutcomeDocuments(ElasticsearchClient elasticsearchClient) {
		return PageOutcomes.documents(elasticsearchClient);
	}

	@Bean
	PageOutcomes pageOutcomes(ElasticsearchDocuments<PageOutcomes.Stored> pageOutcomeDocuments,
			ElasticsearchClient elasticsearchClient) {
		return new PageOutcomes(pageOutcomeDocuments, elasticsearchClient);
	}

	/**
	 * {@code crawl.pages.outcomes} → the crawl's record: what the parser made of each
	 * page a crawl sent. Writing an outcome again changes nothing, so redelivery is safe.
	 */
	@Bean
	Consumer<Message<byte[]>> recordPageOutcome(PageOutcomes pageOutcomes, RecordReader records) {
		return message -> {
			PageOutcome outcome = records.read(message, PageOutcome.class, "a page outcome", read -> read.url() == null
					? "no url" : read.crawlId() == null ? "no crawlId" : read.result() == null ? "no result" : null);
			try {
				pageOutcomes.record(outcome);
			}
			catch (RuntimeException ex) {
				throw DependencyUnavailableException.classify(ex, "Elasticsearch",
						ElasticsearchFailures::isUnavailable);
			}
		};
	}

	/** Each crawl's frontier, in Elasticsearch, so a crawl outlives its crawler. */
	@Bean
	Frontier frontier(ElasticsearchDocuments<Frontier.Entry> frontierEntries) {
		return Frontier.inElasticsearch(frontierEntries);
	}

	@Bean
	PageSink pageSink(StreamBridge streamBridge) {
		return new StreamPageSink(streamBridge);
	}

	@Bean
	SiteCrawler siteCrawler(CrawlerProperties properties, PageSink pageSink,
			ElasticsearchDocuments<PageHistory.PageState> pageStates, Frontier frontier, MeterRegistry meters) {
		PageFetcher fetcher = new PageFetcher(properties.userAgent(), properties.timeout(),
				properties.maxPageSize().toBytes(), properties.maxAttempts(), properties.retryBackoff());
		return new SiteCrawler(fetcher, properties.robotsName(), pageSink, PageHistory.inElasticsearch(pageStates),
				frontier, meters);
	}

	@Bean
	Crawls crawls(CrawlerProperties properties, Sites sites, CrawlRecords crawlRecords,
			ElasticsearchDocuments<HostLeases.HostLease> hostLeaseDocuments, Frontier frontier, SiteCrawler siteCrawler,
			MeterRegistry meters) {
		Clock clock = Clock.systemUTC();
		return new Crawls(sites, crawlRecords, new HostLeases(hostLeaseDocuments, clock), frontier, siteCrawler,
				properties.parallelCrawls(), meters, clock);
	}

	@Bean
	ScheduledCrawls scheduledCrawls(Sites sites, Crawls crawls) {
		return new ScheduledCrawls(sites, crawls);
	}

	/** Site schedules are looked at every {@code dafu.crawler.schedule-tick}. */
	@Bean
	SchedulingConfigurer scheduledCrawlsTick(ScheduledCrawls scheduledCrawls, CrawlerProperties properties) {
		return registrar -> registrar.addFixedDelayTask(scheduledCrawls::fireDueSchedules, properties.scheduleTick());
	}

	/** Creates the crawler's indices before anything reads or writes them. */
	@Bean
	IndexSetup crawlerIndices(List<ElasticsearchDocuments<?>> documents) {
		return new IndexSetup("create the crawler's indices", () -> {
			for (ElasticsearchDocuments<?> kind : documents) {
				kind.createIndexIfMissing();
			}
		});
	}

	/**
	 * Registers the configured sites and, if asked, crawls each once; warns first when
	 * the user agent gives sites no way to reach whoever runs the crawler.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> configuredSites(CrawlerProperties properties, Sites sites,
			Crawls crawls) {
		return event -> {
			if (!properties.userAgentHasContact()) {
				log.warn("The crawler's user agent '{}' says nowhere how to reach you: set DAFU_CRAWLER_USER_AGENT "
						+ "to name a URL or a mail address, e.g. 'Dafu/0.1 (+https://example.org/crawler)', so a "
						+ "site's operators can ask before they block it", properties.userAgent());
			}
			for (SiteProfile site : properties.sites()) {
				sites.put(site.id(), site.validated());
				if (properties.crawlOnStartup()) {
					try {
						crawls.crawlNow(site.id(), Trigger.STARTUP);
					}
					catch (SiteBusyException ex) {
						// A crawl this crawler left mid-way when it stopped: it resumes.
						log.info("Not crawling site {} on start-up: {}", site.id(), ex.getMessage());
					}
				}
			}
		};
	}

	/** The operator page is the crawler's home page. */
	@Bean
	WebMvcConfigurer operatorPage() {
		return new WebMvcConfigurer() {

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addRedirectViewController("/", "/operator.html");
			}
		};
	}

}
