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
	ReplySearch replySearch(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new ReplySearch(elasticsearchClient, replyIndex, new ChineseSegmenter());
	}

	@Bean
	RelatedReplies relatedReplies(ElasticsearchClient elasticsearchClient, ReplyIndex replyIndex) {
		return new RelatedReplies(elasticsearchClient, replyIndex);
	}

}
