package dev.dafu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.text.ChineseSegmenter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

	@Bean
	ReplyQueries replyQueries() {
		return new ReplyQueries(new ChineseSegmenter());
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
	Suggestions suggestions(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new Suggestions(elasticsearchClient, replyIndex);
	}

	@Bean
	RelatedReplies relatedReplies(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new RelatedReplies(elasticsearchClient, replyIndex);
	}

}
