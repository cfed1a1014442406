package dev.dafu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The services' own configuration files
 * ({@code services/<name>/src/main/resources/<name>.yml}), read as the deployment
 * descriptors are checked against them.
 */
final class ServiceConfigurations {

	static final Path REPOSITORY = Path.of("../..");

	static final List<String> SERVICES = List.of("crawler", "parser", "enricher", "indexer", "search");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(DAFU_[A-Z_]+)");

	private ServiceConfigurations() {
	}

	static String text(String service) {
		try {
			return Files
				.readString(REPOSITORY.resolve("services/" + service + "/src/main/resources/" + service + ".yml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The project's version, which the images are tagged with. */
	static String projectVersion() {
		try {
			Matcher version = Pattern.compile("<artifactId>dafu</artifactId>\\s*<version>([^<]+)</version>")
				.matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
			if (!version.find()) {
				throw new IllegalStateException("no version in pom.xml");
			}
			return version.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code DAFU_*} variables the service's configuration reads. */
	static Set<String> variablesRead(String service) {
		Set<String> read = new TreeSet<>();
		VARIABLE.matcher(text(service)).results().forEach(result -> read.add(result.group(1)));
		return read;
	}

	/** The consumer group of each topic the service reads, by topic. */
	@SuppressWarnings("unchecked")
	static Map<String, String> groupsByTopic(String service) {
		Map<String, Object> config = new Yaml().load(text(service));
		Map<String, Object> stream = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) config
			.get("spring")).get("cloud")).get("stream");
		Map<String, String> groups = new HashMap<>();
		((Map<String, Map<String, Object>>) stream.get("bindings")).forEach((name, binding) -> {
			if (binding.get("group") != null) {
				groups.put((String) binding.get("destination"), (String) binding.get("group"));
			}
		});
		return groups;
	}

}
