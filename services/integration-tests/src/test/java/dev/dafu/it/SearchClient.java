package dev.dafu.it;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls the search service over HTTP, as a user's browser or script does. */
final class SearchClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI base;

	SearchClient(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	JsonNode search(String q, int page, int size) {
		return json(get(
				"/api/replies?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&page=" + page + "&size=" + size),
				200);
	}

	/** The whole reply {@code id}, as {@code /api/replies/{id}} serves it. */
	JsonNode reply(String id) {
		return json(get("/api/replies/" + URLEncoder.encode(id, StandardCharsets.UTF_8)), 200);
	}

	HttpResponse<String> get(String pathAndQuery) {
		try {
			return this.http.send(HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The whole answer, status line to body, to a request sent as written: for requests
	 * no HTTP client would send (a malformed percent-encoding).
	 */
	String raw(String pathAndQuery) throws IOException {
		try (Socket socket = new Socket(this.base.getHost(), this.base.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + this.base.getAuthority()
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static JsonNode json(HttpResponse<String> response, int expectedStatus) {
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError(
					"expected HTTP " + expectedStatus + " but got " + response.statusCode() + ": " + response.body());
		}
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError("not JSON: " + response.body(), ex);
		}
	}

}
