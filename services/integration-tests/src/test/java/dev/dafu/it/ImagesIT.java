package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.dafu.local.Ports;
import dev.dafu.local.Readiness;
import dev.dafu.local.ServerProcess;
import dev.dafu.testsupport.RealServers;

/**
 * The images the build made ({@code services/<name>/target/image.tar}: Jib, an empty
 * base, the runtime of {@code deploy/image-runtime}) as a container runtime uses them. No
 * Docker engine runs here, so one is run the way a runtime does at heart: its layers
 * unpacked in order into a folder, and its entrypoint started there as the image's user,
 * with a root and process namespace of its own (util-linux's {@code unshare}, which needs
 * root; without root this part is skipped, unless {@code DAFU_IMAGE_TESTS=required}, as
 * {@code .ci/run} sets it).
 */
@ExtendWith(RealServers.class)
class ImagesIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Path SERVICES = Path.of(System.getProperty("dafu.services.dir", "..")).toAbsolutePath();

	private static final String USER = "65532";

	@Test
	void everyServiceHasAnImageOfItsOwnNameThatRunsItsApplicationAsANonRootUser(@TempDir Path folder) throws Exception {
		for (String service : ServiceConfigurations.SERVICES) {
			Image image = unpack(service, Files.createDirectories(folder.resolve(service)));
			assertThat(image.manifest().get("RepoTags").get(0).asText()).startsWith("dafu/dafu-" + service + ":");
			JsonNode config = image.config();
			assertThat(config.get("User").asText()).isEqualTo(USER + ":" + USER);
			List<String> entrypoint = strings(config.get("Entrypoint"));
			String application = Character.toUpperCase(service.charAt(0)) + service.substring(1) + "Application";
			assertThat(entrypoint).startsWith("java").endsWith("dev.dafu." + service + "." + application);
			assertThat(entrypoint).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
		}
	}

	@Test
	void theParserImageStartsOnARealBrokerAsItsUserWithNothingButWhatTheImageHolds(@TempDir Path folder)
			throws Exception {
		boolean root = "root".equals(System.getProperty("user.name"))
				&& Files.isExecutable(Path.of("/usr/bin/unshare"));
		if (!root && "required".equals(System.getenv("DAFU_IMAGE_TESTS"))) {
			throw new IllegalStateException("DAFU_IMAGE_TESTS=required, but running an image needs root and unshare");
		}
		Assumptions.assumeTrue(root, "running an image needs root and util-linux's unshare");
		Image image = unpack("parser", Files.createDirectories(folder.resolve("image")));
		JsonNode config = image.config();
		Path rootFs = Files.createDirectories(folder.resolve("root"));
		for (JsonNode layer : image.manifest().get("Layers")) {
			assertSucceeds(
					List.of("tar", "-xzf", image.folder().resolve(layer.asText()).toString(), "-C", rootFs.toString()));
		}
		Files.createDirectories(rootFs.resolve("proc"));
		assertThat(rootFs.resolve("opt/java/bin/java")).isExecutable();

		int port = Ports.free();
		List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--fork", "--pid", "--mount-proc",
				"--root=" + rootFs, "--wd=" + config.get("WorkingDir").asText(), "--setuid", USER, "--setgid", USER));
		command.addAll(strings(config.get("Entrypoint")));
		Map<String, String> environment = new HashMap<>();
		for (String variable : strings(config.get("Env"))) {
			environment.put(variable.substring(0, variable.indexOf('=')),
					variable.substring(variable.indexOf('=') + 1));
		}
		environment.put("DAFU_KAFKA_BOOTSTRAP_SERVERS", RealServers.kafkaBootstrapServers());
		environment.put("DAFU_OPERATOR_PASSWORD", "images-it-secret");
		environment.put("SERVER_PORT", Integer.toString(port));
		try (ServerProcess parser = ServerProcess.start("parser image", command, environment, folder,
				folder.resolve("parser-image.log"))) {
			Readiness.awaitHttpOk(parser, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"),
					Duration.ofMinutes(3));
			ProcessHandle java = ProcessHandle.of(parser.pid())
				.orElseThrow()
				.descendants()
				.filter(process -> process.info().command().orElse("").endsWith("/java"))
				.findFirst()
				.orElseThrow();
			String status = Files.readString(Path.of("/proc", Long.toString(java.pid()), "status"));
			assertThat(status).containsPattern("(?m)^Uid:\\s+" + USER + "\\s");

			// docker-compose.yml's health check, run inside the image: ready, then not.
			List<String> check = new ArrayList<>(command.subList(0, command.indexOf("java")));
			check.addAll(List.of("/opt/java/bin/java", "-Xmx16m", "-cp", "@/app/jib-classpath-file",
					"dev.dafu.security.HealthCheck"));
			check.add("http://127.0.0.1:" + port + "/actuator/health/readiness");
			assertThat(ran(check).exit()).isZero();
			check.set(check.size() - 1, "http://127.0.0.1:" + port + "/actuator/nothing-here");
			assertThat(ran(check).exit()).isEqualTo(1);
		}
	}

	/** Unpacks the service's image file: its manifest and configuration. */
	private static Image unpack(String service, Path into) throws IOException, InterruptedException {
		Path file = SERVICES.resolve(service).resolve("target/image.tar");
		assertThat(file).as("the image the build made").exists();
		assertSucceeds(List.of("tar", "-xf", file.toString(), "-C", into.toString()));
		JsonNode manifest = JSON.readTree(into.resolve("manifest.json").toFile()).get(0);
		JsonNode config = JSON.readTree(into.resolve(manifest.get("Config").asText()).toFile()).get("config");
		return new Image(into, manifest, config);
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach(item -> strings.add(item.asText()));
		return strings;
	}

	private static void assertSucceeds(List<String> command) throws IOException, InterruptedException {
		Ran ran = ran(command);
		assertThat(ran.exit()).as(String.join(" ", command) + ": " + ran.output()).isZero();
	}

	private static Ran ran(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Ran(process.exitValue(), output);
	}

	/**
	 * An unpacked image file: the folder it is in, its manifest and its configuration.
	 */
	private record Image(Path folder, JsonNode manifest, JsonNode config) {
	}

	private record Ran(int exit, String output) {
	}

}
