package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/monitoring} as Prometheus and Grafana will read it: the configuration,
 * the alert rules and the dashboard's queries are what {@code promtool} accepts, and the
 * alerts fire on the series that should raise them ({@code alerts-test.yml}).
 * {@code promtool} comes with Debian's {@code prometheus} package; without it these tests
 * are skipped, unless {@code DAFU_PROMTOOL=required} (as {@code .ci/run} sets it). That
 * the metrics they read are ones the services serve is checked against the running
 * services in {@code PipelineIT}.
 */
class MonitoringTest {

	private static final String PROMTOOL = "promtool";

	@BeforeAll
	static void promtool() throws Exception {
		boolean installed = run(List.of(PROMTOOL, "--version"), Path.of(".")).exit() == 0;
		if (!installed && "required".equals(System.getenv("DAFU_PROMTOOL"))) {
			throw new IllegalStateException(
					"DAFU_PROMTOOL=required but promtool is missing: apt-get install prometheus");
		}
		Assumptions.assumeTrue(installed, "no promtool: apt-get install prometheus");
	}

	@Test
	void prometheusTakesTheConfigurationAndItsRules() throws Exception {
		assertAccepted(run(List.of(PROMTOOL, "check", "config", "prometheus.yml"), Monitoring.FOLDER));
	}

	@Test
	void everyAlertFiresOnWhatShouldRaiseItAndOnNothingElse() throws Exception {
		assertAccepted(run(List.of(PROMTOOL, "check", "rules", "alerts.yml"), Monitoring.FOLDER));
		Result tested = run(List.of(PROMTOOL, "test", "rules", "alerts-test.yml"), Monitoring.FOLDER);
		assertAccepted(tested);
		assertThat(tested.output()).contains("SUCCESS");
	}

	@Test
	void everyAlertHasACaseThatRaisesIt() throws IOException {
		String cases = Files.readString(Monitoring.FOLDER.resolve("alerts-test.yml"));
		for (String alert : Monitoring.alertQueries().keySet()) {
			assertThat(cases).as("a case for " + alert).contains("alertname: " + alert);
		}
	}

	@Test
	void theDashboardsQueriesAreValidPromQl(@TempDir Path folder) throws Exception {
		// promtool checks PromQL inside rules: each query becomes a recording rule, with
		// Grafana's interval variable as Grafana would fill it in.
		List<String> queries = Monitoring.dashboardQueries();
		assertThat(queries).hasSizeGreaterThan(10);
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		for (int i = 0; i < queries.size(); i++) {
			String query = queries.get(i).replace("$__rate_interval", "1m");
			rules.append("      - record: dashboard_query_").append(i).append('\n');
			rules.append("        expr: '").append(query.replace("'", "''")).append("'\n");
		}
		Path file = folder.resolve("dashboard-rules.yml");
		Files.writeString(file, rules, StandardCharsets.UTF_8);
		Result checked = run(List.of(PROMTOOL, "check", "rules", file.toString()), folder);
		assertAccepted(checked);
		assertThat(checked.output()).contains("SUCCESS: " + queries.size() + " rules found");
	}

	@Test
	void theDashboardShowsWhatTheOperatorsAskFor() {
		JsonNode dashboard = Monitoring.dashboard();
		assertThat(dashboard.get("uid").asText()).isEqualTo("dafu-overview");
		Set<Integer> ids = new HashSet<>();
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : Monitoring.panels()) {
			assertThat(ids.add(panel.get("id").asInt())).as("panel id " + panel.get("id")).isTrue();
			JsonNode grid = panel.get("gridPos");
			assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(panel.get("title").asText())
				.isLessThanOrEqualTo(24);
			if (!"row".equals(panel.get("type").asText())) {
				titles.add(panel.get("title").asText());
				assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
				assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
			}
		}
		assertThat(Monitoring.metricsRead()).contains("dafu_crawler_urls_total", "dafu_crawler_crawls_total",
				"dafu_parser_pages_total", "dafu_dead_letters_total", "spring_cloud_stream_binder_kafka_offset",
				"dafu_indexer_bulk_seconds_bucket", "http_server_requests_seconds_bucket");
		assertThat(titles).contains("Pages crawled per site", "Pages parsed", "Dead letters", "Consumer lag per stage",
				"Bulk latency", "Search latency", "Search error rate");
	}

	@Test
	void metricNamesAreReadFromQueriesWithoutLabelsFunctionsOrDurations() {
		assertThat(Monitoring.metricNames(
				"sum by (site) (increase(dafu_crawler_crawls_total{trigger=\"schedule\", state=\"failed\"}[1h])) > 0"
						+ " or sum by (site) (x_total > 0 unless x_total offset 1h)"))
			.containsExactly("dafu_crawler_crawls_total", "x_total");
		assertThat(Monitoring.metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{uri!~\"/a.*\"}[$__rate_interval])))"))
			.containsExactly("http_server_requests_seconds_bucket");
	}

	private static void assertAccepted(Result result) {
		assertThat(result.exit()).as(result.output()).isZero();
	}

	private static Result run(List<String> command, Path folder) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException notInstalled) {
			return new Result(-1, notInstalled.getMessage());
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exit, String output) {
	}

}
