package dev.dafu.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code elasticsearch} in {@code /actuator/health}: up while the cluster answers green
 * or yellow, down while it is red or does not answer, so a service that cannot index or
 * search says so (and its consumers meanwhile wait, see {@link ElasticsearchFailures}).
 */
class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

	private final ElasticsearchClient client;

	ElasticsearchHealthIndicator(ElasticsearchClient client) {
		super("Elasticsearch health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		HealthResponse health = this.client.cluster().health(h -> h.timeout(t -> t.time("2s")));
		builder.status(health.status() == HealthStatus.Red ? "DOWN" : "UP")
			.withDetail("cluster", health.clusterName())
			.withDetail("status", health.status().jsonValue());
	}

}
