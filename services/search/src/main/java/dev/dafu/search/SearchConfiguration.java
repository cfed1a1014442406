package dev.dafu.search;

import java.time.Clock;
import java.time.Duration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import tools.jackson.databind.json.JsonMapper;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

	@Bean
	ChineseSegmenter chineseSegmenter() {
		return new ChineseSegmenter();
	}

	@Bean
	ReplyQueries replyQueries(ChineseSegmenter segmenter) {
		return new ReplyQueries(segmenter);
	}

	@Bean
	PublishedReplies publishedReplies(KafkaProperties kafka, SearchProperties properties, JsonMapper json) {
		return new PublishedReplies(kafka.buildConsumerProperties(), properties.eventsTopic(),
				properties.streamBuffer(), json);
	}

	@Bean
	LiveStreams liveStreams(PublishedReplies published, SearchProperties properties) {
		return new LiveStreams(published, properties.maxStreams(), properties.streamHeartbeat(),
				properties.streamTimeout());
	}

	@Bean
	ReplySearch replySearch(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex, ReplyQueries queries) {
		return new ReplySearch(elasticsearchClient, replyIndex, queries);
	}

	@Bean
	ReplyStatistics replyStatistics(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex,
			ReplyQueries queries) {
		return new ReplyStatistics(elasticsearchClient, replyIndex, queries);
	}

	@Bean
	NavigationTree navigationTree(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new NavigationTree(elasticsearchClient, replyIndex, Duration.ofMinutes(1), Clock.systemUTC());
	}

	@Bean
	ReplyExport replyExport(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex, ReplyQueries queries,
			JsonMapper json) {
		return new ReplyExport(elasticsearchClient, replyIndex, queries, json);
	}

	@Bean
	Suggestions suggestions(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new Suggestions(elasticsearchClient, replyIndex);
	}

	@Bean
	RelatedReplies relatedReplies(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new RelatedReplies(elasticsearchClient, replyIndex);
	}

}
