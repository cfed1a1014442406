package dev.dafu.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for a server to answer, not for a fixed time, and fails early when its process
 * dies.
 */
public final class Readiness {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Readiness() {
	}

	public static void awaitPort(ServerProcess process, int port, Duration timeout) throws InterruptedException {
		await(process, timeout, "port " + port, () -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	public static void awaitHttpOk(ServerProcess process, URI uri, Duration timeout) throws InterruptedException {
		await(process, timeout, uri.toString(), () -> httpOk(uri));
	}

	public static boolean httpOk(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void await(ServerProcess process, Duration timeout, String what, BooleanSupplier ready)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!ready.getAsBoolean()) {
			if (process != null) {
				process.checkAlive();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException((process == null ? what : process.name() + " at " + what)
						+ " was not ready after " + timeout.toSeconds() + " s" + (process == null ? ""
								: "; last lines of " + process.log() + ":\n" + ServerProcess.tail(process.log(), 40)));
			}
			Thread.sleep(250);
		}
	}

}
