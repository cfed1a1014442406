package dev.dafu.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fetcher against a real HTTP server on loopback that misbehaves on purpose. */
class PageFetcherTest {

	private HttpServer server;

	private final List<Instant> attempts = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final List<Headers> requestHeaders = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/busy", exchange -> {
			this.attempts.add(Instant.now());
			if (this.failuresLeft.getAndDecrement() > 0) {
				exchange.getResponseHeaders().set("Retry-After", "1");
				exchange.sendResponseHeaders(503, -1);
			}
			else {
				exchange.sendResponseHeaders(200, 2);
				exchange.getResponseBody().write("ok".getBytes());
			}
			exchange.close();
		});
		this.server.createContext("/loop", exchange -> {
			exchange.getResponseHeaders().set("Location", "/loop");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/moved", exchange -> {
			exchange.getResponseHeaders().set("Location", "/busy");
			exchange.sendResponseHeaders(301, -1);
			exchange.close();
		});
		this.server.createContext("/file", exchange -> {
			exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/elsewhere", exchange -> {
			exchange.getResponseHeaders()
				.set("Location", "http://localhost:" + this.server.getAddress().getPort() + "/busy");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/trickle", exchange -> {
			this.attempts.add(Instant.now());
			exchange.sendResponseHeaders(200, 100);
			try {
				for (int i = 0; i < 100; i++) {
					exchange.getResponseBody().write('x');
					exchange.getResponseBody().flush();
					Thread.sleep(100);
				}
			}
			catch (InterruptedException | IOException ex) {
				// the fetcher hung up
			}
			exchange.close();
		});
		this.server.createContext("/headers", exchange -> {
			this.requestHeaders.add(exchange.getRequestHeaders());
			exchange.sendResponseHeaders(200, 2);
			exchange.getResponseBody().write("ok".getBytes());
			exchange.close();
		});
		this.server.createContext("/compressed", exchange -> {
			// Compressed in the encoding the query names (servers do so when asked, and
			// some when not); a bomb of zeros that inflates past the limit.
			this.requestHeaders.add(exchange.getRequestHeaders());
			String encoding = exchange.getRequestURI().getQuery();
			byte[] page = encoding.endsWith("bomb") ? new byte[2_000_000]
					: "<p>答复</p>".repeat(100).getBytes(StandardCharsets.UTF_8);
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			// deflate as the standard has it (zlib), or raw as some servers send it
			try (OutputStream out = encoding.startsWith("gzip") ? new GZIPOutputStream(compressed)
					: new DeflaterOutputStream(compressed,
							new Deflater(Deflater.DEFAULT_COMPRESSION, encoding.endsWith("raw")))) {
				out.write(page);
			}
			exchange.getResponseHeaders().set("Content-Encoding", encoding.replaceAll("-.*", ""));
			exchange.sendResponseHeaders(200, compressed.size());
			exchange.getResponseBody().write(compressed.toByteArray());
			exchange.close();
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void retriesAServiceUnavailableAfterTheTimeRetryAfterAsksFor() throws Exception {
		this.failuresLeft.set(1);

		FetchedPage page = fetcher(3).fetch(uri("/busy"), onThisHost());

		assertThat(page.status()).isEqualTo(200);
		assertThat(this.attempts).hasSize(2);
		assertThat(Duration.between(this.attempts.get(0), this.attempts.get(1)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void givesUpAfterItsAttemptsAndReportsTheLastStatus() throws Exception {
		this.failuresLeft.set(10);

		FetchedPage page = fetcher(2).fetch(uri("/busy"), onThisHost());

		assertThat(page.status()).isEqualTo(503);
		assertThat(this.attempts).hasSize(2);
	}

	@Test
	void givesUpOnAPageThatDoesNotArriveInFullWithinTheTimeout() {
		PageFetcher fetcher = new PageFetcher("DafuTest/1.0", Duration.ofSeconds(1), 1_000_000, 1, Duration.ZERO);
		Instant start = Instant.now();

		assertThatThrownBy(() -> fetcher.fetch(uri("/trickle"), onThisHost())).isInstanceOf(HttpTimeoutException.class)
			.hasMessageContaining("did not arrive in full within PT1S");
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void stopsWithinAFractionOfASecondWhenTheCrawlIsCancelledWhileAPageTrickles() {
		PageFetcher fetcher = new PageFetcher("DafuTest/1.0", Duration.ofSeconds(30), 1_000_000, 3, Duration.ZERO);
		Instant cancelAt = Instant.now().plusMillis(500);
		FetchScope scope = new FetchScope(true, Set.of("127.0.0.1"), () -> Instant.now().isAfter(cancelAt));

		assertThatThrownBy(() -> fetcher.fetch(uri("/trickle"), scope))
			.isInstanceOf(PageFetcher.FetchCancelledException.class);
		assertThat(Duration.between(cancelAt, Instant.now())).isLessThan(Duration.ofSeconds(1));
		assertThat(this.attempts).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource({ "gzip", "deflate", "deflate-raw" })
	void asksForCompressedPagesAndReadsThemAsTheyAre(String encoding) throws Exception {
		FetchedPage page = fetcher(1).fetch(uri("/compressed?" + encoding), onThisHost());

		assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("<p>答复</p>".repeat(100));
		assertThat(this.requestHeaders).singleElement()
			.extracting(headers -> headers.getFirst("Accept-Encoding"))
			.asString()
			.contains("gzip", "deflate");
	}

	@Test
	void namesItselfAndAsksForPagesAsABrowserDoes() throws Exception {
		fetcher(1).fetch(uri("/headers"), onThisHost());

		Headers sent = this.requestHeaders.get(0);
		assertThat(sent.getFirst("User-Agent")).isEqualTo("DafuTest/1.0");
		assertThat(sent.getFirst("Accept")).startsWith("text/html");
		assertThat(sent.getFirst("Accept-Language")).startsWith("zh-CN");
	}

	@Test
	void aCompressedPageThatInflatesPastTheLimitIsTooLarge() {
		assertThatThrownBy(() -> fetcher(1).fetch(uri("/compressed?gzip-bomb"), onThisHost()))
			.isInstanceOf(PageFetcher.PageTooLargeException.class)
			.hasMessageContaining("larger than 1000000 bytes");
	}

	@Test
	void neverFollowsARedirectOffTheSiteEvenOnThePrivateNetwork() {
		assertThatThrownBy(() -> fetcher(1).fetch(uri("/elsewhere"), onThisHost()))
			.isInstanceOf(PageFetcher.OffSiteRedirectException.class)
			.hasMessageContaining("redirects off the site, to http://localhost:");
		assertThat(this.attempts).isEmpty();
	}

	@Test
	void followsRedirectsToTheirTarget() throws Exception {
		assertThat(fetcher(1).fetch(uri("/moved"), onThisHost()).uri()).isEqualTo(uri("/busy"));
	}

	@Test
	void stopsFollowingARedirectLoop() {
		assertThatIOException().isThrownBy(() -> fetcher(1).fetch(uri("/loop"), onThisHost()))
			.withMessageContaining("more than 5 redirects");
	}

	@Test
	void neverFollowsARedirectOutOfHttp() {
		assertThatIOException().isThrownBy(() -> fetcher(1).fetch(uri("/file"), onThisHost()))
			.withMessageContaining("only http and https");
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, false", "10.1.2.3, false", "172.16.0.1, false", "192.168.1.1, false",
			"169.254.169.254, false", "100.64.0.1, false", "0.0.0.0, false", "224.0.0.1, false", "::1, false",
			"fd00::1, false", "fe80::1, false", "::ffff:127.0.0.1, false", "8.8.8.8, true", "202.96.0.1, true",
			"2400:da00::6666, true", "::127.0.0.1, false", "::10.0.0.1, false", "64:ff9b::10.0.0.1, false",
			"64:ff9b::169.254.169.254, false", "64:ff9b::8.8.8.8, true", "64:ff9b:1::1, false", "2002:7f00:1::1, false",
			"2002:c0a8:101::1, false", "2002:808:808::1, true", "2001:0:4136:e378:8000:63bf:3fff:fdd2, false",
			"2001:db8::1, false", "192.0.2.1, false", "203.0.113.9, false", "fec0::1, false" })
	void tellsPublicAddressesFromTheRest(String address, boolean isPublic) throws Exception {
		assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).isEqualTo(isPublic);
	}

	@ParameterizedTest
	@CsvSource({ "'', PT2S", "3, PT3S", "600, PT1M", "soon, PT2S" })
	void readsRetryAfterAsSecondsAtMostAMinute(String header, Duration wait) {
		assertThat(PageFetcher.retryAfter(header, Duration.ofSeconds(2))).isEqualTo(wait);
	}

	private static PageFetcher fetcher(int attempts) {
		return new PageFetcher("DafuTest/1.0", Duration.ofSeconds(5), 1_000_000, attempts, Duration.ofMillis(10));
	}

	private static FetchScope onThisHost() {
		return new FetchScope(true, Set.of("127.0.0.1"), () -> false);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

}
