package dev.dafu.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The health check of a service's image where the orchestrator cannot ask over HTTP
 * itself (Docker Compose's {@code healthcheck} runs a command in the container, and the
 * image holds no curl):
 * {@code java -cp @/app/jib-classpath-file dev.dafu.security.HealthCheck URL} exits 0
 * when the URL (the service's {@code /actuator/health/readiness}, open to anyone) answers
 * 200, and 1 otherwise, saying why.
 */
public final class HealthCheck {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private HealthCheck() {
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: HealthCheck <url>");
			System.exit(2);
		}
		System.exit(healthy(URI.create(args[0])) ? 0 : 1);
	}

	static boolean healthy(URI uri) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		try {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				System.err.println(uri + " answered " + answer.statusCode() + ": " + answer.body());
			}
			return answer.statusCode() == 200;
		}
		catch (IOException ex) {
			System.err.println(uri + " did not answer: " + ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
