package dev.dafu.elasticsearch;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the reply index lives.
 *
 * @param uris the Elasticsearch HTTP endpoints
 * @param username the user for basic authentication, none when blank
 * @param password the password for basic authentication (from the environment, never the
 * repository)
 * @param index the name of the reply index; must match the template's {@code replies*}
 * pattern
 */
@Validated
@ConfigurationProperties("dafu.elasticsearch")
public record ElasticsearchProperties(@NotEmpty List<URI> uris, String username, String password,
		@NotBlank String index) {

	public ElasticsearchProperties {
		uris = uris == null ? List.of(URI.create("http://localhost:9200")) : uris;
		index = index == null ? "replies" : index;
	}

}
