package dev.dafu.elasticsearch;

import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Builds the 8.x Java client by hand: Boot 4 manages the 9.x client, which an 8.19 server
 * refuses. The client speaks Jackson 2 (its own mapper), separate from the Jackson 3 used
 * by Boot. It exists only in a service that names its Elasticsearch
 * ({@code dafu.elasticsearch.uris}: crawler, indexer and search), so a service that
 * shares a classpath with them (as in the integration tests) never reports on an
 * Elasticsearch it does not use.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "dafu.elasticsearch", name = "uris")
@EnableConfigurationProperties(ElasticsearchProperties.class)
public class ElasticsearchClientConfiguration {

	@Bean(destroyMethod = "close")
	RestClient elasticsearchRestClient(ElasticsearchProperties properties) {
		HttpHost[] hosts = properties.uris()
			.stream()
			.map(uri -> HttpHost.create(uri.toString()))
			.toArray(HttpHost[]::new);
		RestClientBuilder builder = RestClient.builder(hosts);
		if (properties.username() != null && !properties.username().isBlank()) {
			BasicCredentialsProvider credentials = new BasicCredentialsProvider();
			credentials.setCredentials(AuthScope.ANY,
					new UsernamePasswordCredentials(properties.username(), properties.password()));
			builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
		}
		return builder.build();
	}

	@Bean
	ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient) {
		return new ElasticsearchClient(new RestClientTransport(elasticsearchRestClient, jsonMapper()));
	}

	/**
	 * How the client reads and writes documents: dates as ISO text, unknown fields
	 * ignored.
	 */
	public static JacksonJsonpMapper jsonMapper() {
		return new JacksonJsonpMapper(new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
	}

	@Bean
	ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchClient elasticsearchClient) {
		return new ElasticsearchHealthIndicator(elasticsearchClient);
	}

	@Bean
	ReplyIndex replyIndex(ElasticsearchClient elasticsearchClient, ElasticsearchProperties properties) {
		return new ReplyIndex(elasticsearchClient, properties.index());
	}

}
