package dev.dafu.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code deploy/monitoring} asks Prometheus: the queries of the alert rules and of
 * the Grafana dashboard, and the metrics they read.
 */
final class Monitoring {

	static final Path FOLDER = Path.of("../../deploy/monitoring");

	static final Path ALERTS = FOLDER.resolve("alerts.yml");

	static final Path DASHBOARD = FOLDER.resolve("grafana/dafu.json");

	/**
	 * What PromQL writes between metric names: strings, label matchers, ranges, label
	 * lists.
	 */
	private static final Pattern NOT_NAMES = Pattern
		.compile("\"[^\"]*\"|\\{[^}]*}|\\[[^]]*]|\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/** A name not inside a number or a duration, and not a function's. */
	private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][\\w:]*(?!\\w|\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "inf", "nan");

	private Monitoring() {
	}

	/** {@code alerts.yml} as read. */
	static Map<String, Object> alerts() {
		try (InputStream in = Files.newInputStream(ALERTS)) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The alert rules' expressions by alert name. */
	@SuppressWarnings("unchecked")
	static Map<String, String> alertQueries() {
		Map<String, String> queries = new LinkedHashMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) alerts().get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				queries.put((String) rule.get("alert"), (String) rule.get("expr"));
			}
		}
		return queries;
	}

	static JsonNode dashboard() {
		try {
			return new ObjectMapper().readTree(DASHBOARD.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The dashboard's panels, rows' panels included. */
	static List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard().get("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	/**
	 * The dashboard's queries, as Grafana writes them ({@code $__rate_interval} and all).
	 */
	static List<String> dashboardQueries() {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : panels()) {
			panel.path("targets").forEach(target -> queries.add(target.get("expr").asText()));
		}
		return queries;
	}

	/** Every metric the alerts and the dashboard read. */
	static Set<String> metricsRead() {
		Set<String> names = new TreeSet<>();
		alertQueries().values().forEach(query -> names.addAll(metricNames(query)));
		dashboardQueries().forEach(query -> names.addAll(metricNames(query)));
		return names;
	}

	/** The metrics one PromQL query reads. */
	static Set<String> metricNames(String query) {
		String names = NOT_NAMES.matcher(query).replaceAll(" ");
		Set<String> found = new TreeSet<>();
		NAME.matcher(names)
			.results()
			.map(result -> result.group())
			.filter(name -> !KEYWORDS.contains(name.toLowerCase(Locale.ROOT)))
			.forEach(found::add);
		return found;
	}

}
