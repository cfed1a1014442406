package dev.dafu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Elasticsearch 8.19 from the minimal distribution Maven unpacked into
 * {@code deploy/local/target}. The distribution is copied into a home of its own (config,
 * data and logs included) so the build output stays untouched.
 * <p>
 * Elasticsearch refuses to run as root. Started by root, it runs as the unprivileged user
 * {@value #SERVICE_USER}, created when missing; since that user cannot enter a private
 * folder such as {@code /root}, its home then lives under the system temporary folder.
 */
public final class LocalElasticsearch implements AutoCloseable {

	static final String SERVICE_USER = "dafu-es";

	private final ServerProcess process;

	private final int port;

	/** Deleted on close: a server started without keeping data leaves nothing behind. */
	private final Path disposableHome;

	private LocalElasticsearch(ServerProcess process, int port, Path disposableHome) {
		this.process = process;
		this.port = port;
		this.disposableHome = disposableHome;
	}

	/**
	 * Starts Elasticsearch and waits until the cluster is yellow.
	 * @param keepData false to start with no indices, dropping those of an earlier start,
	 * and to delete everything the server wrote when it is closed
	 */
	public static LocalElasticsearch start(Path distribution, Path dataDir, int port, int transportPort,
			boolean keepData) throws IOException, InterruptedException {
		if (!Files.isDirectory(distribution.resolve("bin"))) {
			throw new IllegalStateException(distribution + " is missing: build first (./mvnw package -DskipTests)");
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		Path home = root ? Path.of(System.getProperty("java.io.tmpdir"), "dafu-elasticsearch-" + shortHash(dataDir))
				: dataDir.resolve("elasticsearch");
		Files.createDirectories(dataDir);
		if (!Files.isDirectory(home.resolve("bin"))) {
			copyTree(distribution, home);
		}
		// The home may live outside dataDir (see above): this marker ties its data to
		// dataDir, so
		// deleting dataDir starts Elasticsearch empty too.
		Path marker = dataDir.resolve("home.txt");
		if (!keepData || !Files.exists(marker)) {
			Folders.deleteTree(home.resolve("data"));
		}
		Files.writeString(marker, home + "\n");
		Files.writeString(home.resolve("config/elasticsearch.yml"), settings(home, port, transportPort));
		Files.createDirectories(home.resolve("tmp"));
		List<String> command = new ArrayList<>();
		if (root) {
			ensureServiceUser();
			run("chown", "-R", SERVICE_USER + ":", home.toString());
			command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
		}
		command.addAll(List.of("env", "ES_JAVA_HOME=" + System.getProperty("java.home"),
				"ES_JAVA_OPTS=-Xms512m -Xmx512m", "ES_TMPDIR=" + home.resolve("tmp"),
				"CLI_JAVA_OPTS=-Djava.io.tmpdir=" + home.resolve("tmp"), home.resolve("bin/elasticsearch").toString()));
		ServerProcess process = ServerProcess.start("elasticsearch", command, Map.of(), home,
				dataDir.resolve("elasticsearch.log"));
		LocalElasticsearch elasticsearch = new LocalElasticsearch(process, port, keepData ? null : home);
		try {
			Readiness.awaitHttpOk(process,
					elasticsearch.uri().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"),
					Duration.ofSeconds(180));
		}
		catch (RuntimeException | InterruptedException ex) {
			elasticsearch.close();
			throw ex;
		}
		return elasticsearch;
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	public void close() {
		this.process.close();
		if (this.disposableHome != null) {
			try {
				Folders.deleteTree(this.disposableHome);
			}
			catch (IOException ex) {
				System.err.println("Could not delete " + this.disposableHome + ": " + ex.getMessage());
			}
		}
	}

	private static String settings(Path home, int port, int transportPort) {
		return """
				cluster.name: dafu-local
				node.name: dafu-local
				path.data: %s
				path.logs: %s
				network.host: 127.0.0.1
				http.port: %d
				transport.port: %d
				discovery.type: single-node
				# Local only, bound to loopback. Production turns security on: see README.
				xpack.security.enabled: false
				# A nearly full developer disk must not turn the index read-only.
				cluster.routing.allocation.disk.threshold_enabled: false
				action.destructive_requires_name: true
				""".formatted(home.resolve("data"), home.resolve("logs"), port, transportPort);
	}

	private static void ensureServiceUser() throws IOException, InterruptedException {
		if (new ProcessBuilder("id", "-u", SERVICE_USER).start().waitFor() != 0) {
			run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER);
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		Files.walkFileTree(from, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(to.resolve(from.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	private static String shortHash(Path dataDir) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
	}

}
