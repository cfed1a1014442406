package dev.dafu.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a folder as a static website on loopback: the demo site of the local run, and
 * the fixture sites of the tests. Only GET and HEAD; nothing outside the folder. Two
 * conventions let static files stand in for a site's scripts: {@code list.json?page=2} is
 * served from the file {@code list.json@page=2} where there is one (else from
 * {@code list.json}), and the lines of a file's {@code <name>.headers} sidecar
 * ({@code Content-Disposition: attachment; filename=…}) are sent as its headers. Since
 * sitemaps and robots.txt name absolute URLs, {@value #ORIGIN} in a served XML or text
 * file stands for the site's own origin ({@code http://127.0.0.1:8090}).
 */
public final class StaticSite implements AutoCloseable {

	private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html", "htm", "text/html", "css",
			"text/css", "js", "text/javascript", "txt", "text/plain", "xml", "application/xml", "json",
			"application/json", "pdf", "application/pdf");

	static {
		// Without TCP_NODELAY the JDK server stalls each small response on delayed ACKs
		// (~40 ms).
		System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
	}

	private static final String HEADERS = ".headers";

	static final String ORIGIN = "@origin@";

	private final HttpServer server;

	private final Path root;

	private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

	private StaticSite(HttpServer server, Path root) {
		this.server = server;
		this.root = root;
	}

	/** Starts serving {@code root} on 127.0.0.1; port 0 picks a free port. */
	public static StaticSite start(Path root, int port) throws IOException {
		Path folder = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw new IllegalArgumentException(folder + " is not a folder");
		}
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (BindException ex) {
			throw new BindException(
					"port " + port + " (for " + folder.getFileName() + ") is in use: " + ex.getMessage());
		}
		StaticSite site = new StaticSite(server, folder);
		server.createContext("/", site::handle);
		server.start();
		return site;
	}

	/**
	 * Every path asked for so far, with its query if it had one, in order, so tests can
	 * see what a crawler fetched.
	 */
	public List<String> requestedPaths() {
		return this.requests.stream().map(Request::path).toList();
	}

	/** Every request so far, in order, with when it arrived. */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			URI target = exchange.getRequestURI();
			this.requests
				.add(new Request(target.getPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()),
						Instant.now()));
			if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			Path file = this.root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
			if (Files.isDirectory(file)) {
				file = file.resolve("index.html");
			}
			String query = exchange.getRequestURI().getQuery();
			if (query != null && file.getParent() != null) {
				Path forQuery = file.resolveSibling(file.getFileName() + "@" + query).normalize();
				file = Files.isRegularFile(forQuery) ? forQuery : file;
			}
			if (!file.startsWith(this.root) || !Files.isRegularFile(file) || file.toString().endsWith(HEADERS)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = Files.readAllBytes(file);
			String contentType = contentType(file);
			if (contentType.endsWith("xml") || contentType.equals("text/plain")) {
				// Byte for byte, whatever the file's encoding.
				body = new String(body, StandardCharsets.ISO_8859_1).replace(ORIGIN, baseUri().toString())
					.getBytes(StandardCharsets.ISO_8859_1);
			}
			// Validators as real web servers send them, so conditional GETs can be
			// tested.
			String etag = "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"";
			exchange.getResponseHeaders().set("ETag", etag);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			Path headers = file.resolveSibling(file.getFileName() + HEADERS);
			if (Files.isRegularFile(headers)) {
				for (String header : Files.readAllLines(headers, StandardCharsets.UTF_8)) {
					int colon = header.indexOf(':');
					if (colon > 0) {
						exchange.getResponseHeaders()
							.set(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
					}
				}
			}
			if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				exchange.sendResponseHeaders(304, -1);
				return;
			}
			if (method.equals("HEAD")) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * One request the site received.
	 *
	 * @param path the path asked for, with its query if it had one
	 * @param at when it arrived
	 */
	public record Request(String path, Instant at) {
	}

	private static String contentType(Path file) {
		return contentType(file.getFileName().toString());
	}

	/**
	 * The {@code Content-Type} a file is served with, by its name's extension (a query
	 * after {@code @} set aside).
	 */
	public static String contentType(String fileName) {
		String name = fileName.replaceFirst("@.*", "");
		String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
	}

}
