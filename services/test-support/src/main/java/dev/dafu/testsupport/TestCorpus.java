package dev.dafu.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The test corpus, a copy of the project's shared corpus kept on the classpath: the
 * synthetic public site ({@code site-public/www} with its {@code expected.json}) and real
 * replies ({@code real/}). See {@code dafu/corpus/README.md}.
 */
public final class TestCorpus {

	private static final String ROOT = "dafu/corpus/";

	private static final String SITE = ROOT + "site-public/www/";

	private TestCorpus() {
	}

	/**
	 * A page of the public site by its URL path, e.g. {@code /jytabl/rddbjy/index.html}.
	 */
	public static byte[] sitePage(String urlPath) {
		return bytes(SITE + urlPath.replaceFirst("^/", ""));
	}

	/**
	 * {@code site-public/expected.json}: what a correct parse of the public site gives.
	 */
	public static JsonNode expected() {
		try {
			return new ObjectMapper().readTree(bytes(ROOT + "site-public/expected.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the public site's files under {@code folder}, to be served by a real HTTP
	 * server.
	 */
	public static Path writeSite(Path folder) {
		try {
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			String base = resolver.getResource("classpath:" + SITE).getURL().toString();
			for (Resource resource : resolver.getResources("classpath*:" + SITE + "**/*.*")) {
				String relative = resource.getURL().toString().substring(base.length());
				Path file = folder.resolve(relative);
				Files.createDirectories(file.getParent());
				try (InputStream in = resource.getInputStream()) {
					Files.copy(in, file);
				}
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] bytes(String resource) {
		try (InputStream in = TestCorpus.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no " + resource + " in the test corpus");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
