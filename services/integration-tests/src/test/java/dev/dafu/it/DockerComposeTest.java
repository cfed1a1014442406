package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run where the project is built (no Docker engine), so this
 * keeps it honest: every service is there with a healthcheck, a memory limit and healthy
 * dependencies, the services run the images the build makes (whose health check
 * {@code ImagesIT} runs inside the image), and every Dafu variable it sets is one a
 * service actually reads.
 */
class DockerComposeTest {

	@Test
	@SuppressWarnings("unchecked")
	void runsEveryServiceHealthCheckedWithinMemoryLimitsOnVariablesTheServicesRead() throws IOException {
		Map<String, Object> compose;
		try (InputStream in = Files.newInputStream(ServiceConfigurations.REPOSITORY.resolve("docker-compose.yml"))) {
			compose = new Yaml().load(in);
		}
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("kafka", "elasticsearch", "demo-site");
		assertThat(services).containsKeys(ServiceConfigurations.SERVICES.toArray(String[]::new));

		for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
			assertThat(service.getValue()).as(service.getKey()).containsKeys("healthcheck", "mem_limit");
			Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.getValue()
				.getOrDefault("depends_on", Map.of());
			dependsOn.values()
				.forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
		}
		for (String name : ServiceConfigurations.SERVICES) {
			Map<String, Object> service = services.get(name);
			assertThat(service.get("image"))
				.isEqualTo("dafu/dafu-" + name + ":" + ServiceConfigurations.projectVersion());
			assertThat((List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test"))
				.contains("dev.dafu.security.HealthCheck", "http://localhost:8080/actuator/health/readiness");
			Map<String, Object> environment = (Map<String, Object>) service.get("environment");
			for (String variable : environment.keySet()) {
				if (variable.startsWith("DAFU_")) {
					assertThat(ServiceConfigurations.variablesRead(name)).as(name + " reads " + variable)
						.contains(variable);
				}
			}
		}
	}

}
