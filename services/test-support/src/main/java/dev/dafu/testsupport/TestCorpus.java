package dev.dafu.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The test corpus, kept on the classpath: two synthetic sites, each a web root
 * ({@code www}) with its {@code expected.json}, and real replies ({@code real/}). See
 * {@code dafu/corpus/README.md}.
 */
public final class TestCorpus {

	private static final String ROOT = "dafu/corpus/";

	/**
	 * The public corpus's site ({@code site-public}): two TRS-style templates, the traps
	 * of robots.txt, a broken link, non-replies and a duplicate.
	 */
	public static final Site PUBLIC = new Site("site-public");

	/**
	 * The project's own site of what real sites do beyond the public corpus
	 * ({@code site-varied}): layout tables, Word-pasted markup, ministries' letters,
	 * attachments (DOCX, DOC, WPS, PDF, OFD), listings a script loads, pages only a
	 * sitemap or a year catalogue names, odd encodings, look-alikes.
	 */
	public static final Site VARIED = new Site("site-varied");

	/**
	 * The links supplement ({@code links}): the lead unit's and a co-handler's reply to a
	 * submission a public-site reply also answers, and a public-site reply as another
	 * portal republished it; its {@code expected.json} says which is which.
	 */
	public static final Site LINKS = new Site("links");

	private TestCorpus() {
	}

	/**
	 * A real reply's paragraphs ({@code real/}, e.g. {@code stcsm-2024-34.txt}), the
	 * copy's light markdown ({@code #}, {@code **}, {@code ---}) taken off.
	 */
	public static List<String> realParagraphs(String file) {
		List<String> paragraphs = new ArrayList<>();
		for (String line : new String(bytes(ROOT + "real/" + file), StandardCharsets.UTF_8).split("\n")) {
			String text = line.replace("**", "").replaceFirst("^#+\\s*", "").strip();
			if (!text.isEmpty() && !text.equals("---")) {
				paragraphs.add(text);
			}
		}
		return paragraphs;
	}

	/** A real reply as a UTF-8 page of its {@link #realParagraphs paragraphs}. */
	public static byte[] realPage(String file) {
		StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body><div>");
		realParagraphs(file).forEach(paragraph -> html.append("<p>").append(paragraph).append("</p>\n"));
		return html.append("</div></body></html>").toString().getBytes(StandardCharsets.UTF_8);
	}

	/** One synthetic site of the corpus. */
	public static final class Site {

		private static final String HEADERS = ".headers";

		private final String name;

		private final String root;

		private Site(String name) {
			this.name = name;
			this.root = ROOT + name + "/";
		}

		@Override
		public String toString() {
			return this.name;
		}

		/**
		 * A page of the site by its URL path, with its query if any, e.g.
		 * {@code /jytabl/rddbjy/index.html} or {@code /list.json?page=2}.
		 */
		public byte[] page(String urlPath) {
			return bytes(file(urlPath));
		}

		/**
		 * The headers the site sends with a page besides its type (from its
		 * {@code .headers} sidecar), e.g. {@code Content-Disposition}; none for most.
		 */
		public Map<String, String> headers(String urlPath) {
			Map<String, String> headers = new LinkedHashMap<>();
			String resource = file(urlPath) + HEADERS;
			if (TestCorpus.class.getClassLoader().getResource(resource) != null) {
				for (String line : new String(bytes(resource), StandardCharsets.UTF_8).split("\n")) {
					int colon = line.indexOf(':');
					if (colon > 0) {
						headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
					}
				}
			}
			return headers;
		}

		/** {@code expected.json}: what a correct parse of the site gives. */
		public JsonNode expected() {
			try {
				return new ObjectMapper().readTree(bytes(this.root + "expected.json"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Writes the site's files under {@code folder}, to be served by a real HTTP
		 * server.
		 */
		public Path write(Path folder) {
			try {
				PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
				String www = this.root + "www/";
				String base = resolver.getResource("classpath:" + www).getURL().toString();
				for (Resource resource : resolver.getResources("classpath*:" + www + "**/*.*")) {
					String relative = resource.getURL().toString().substring(base.length());
					// Resource URLs are percent-encoded where a file name is not ASCII.
					Path file = folder.resolve(URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8));
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

		/**
		 * The file serving {@code urlPath}: its path decoded, a query naming a file of
		 * its own ({@code list.json@page=2}), as {@code StaticSite} serves them.
		 */
		private String file(String urlPath) {
			int query = urlPath.indexOf('?');
			String path = URLDecoder.decode((query < 0 ? urlPath : urlPath.substring(0, query)).replace("+", "%2B"),
					StandardCharsets.UTF_8);
			String file = this.root + "www/" + path.replaceFirst("^/", "");
			if (query >= 0) {
				String withQuery = file + "@" + urlPath.substring(query + 1);
				if (TestCorpus.class.getClassLoader().getResource(withQuery) != null) {
					return withQuery;
				}
			}
			return file;
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
