package dev.dafu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

	private HttpServer server;

	@BeforeEach
	void serve() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/ready", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
		this.server.createContext("/down", exchange -> answer(exchange, 503, "{\"status\":\"DOWN\"}"));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void healthyOnlyWhenTheServiceAnswers200() {
		assertThat(HealthCheck.healthy(uri("/ready"))).isTrue();
		assertThat(HealthCheck.healthy(uri("/down"))).isFalse();
		assertThat(HealthCheck.healthy(uri("/nothing"))).isFalse();
	}

	@Test
	void notHealthyWhenNothingAnswers() {
		URI gone = uri("/ready");
		this.server.stop(0);
		assertThat(HealthCheck.healthy(gone)).isFalse();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
