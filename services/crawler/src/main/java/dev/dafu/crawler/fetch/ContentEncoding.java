package dev.dafu.crawler.fetch;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Bodies a site sends compressed ({@code Content-Encoding: gzip} or {@code deflate},
 * which the fetcher asks for, to take less of a site's bandwidth), inflated within the
 * page size limit: a page that inflates past it is too large, however small it came.
 */
final class ContentEncoding {

	/** What the fetcher asks for in {@code Accept-Encoding}. */
	static final String ACCEPTED = "gzip, deflate";

	private ContentEncoding() {
	}

	/**
	 * {@code body} as the page is, sent with {@code encoding}; as it came when it came in
	 * an encoding the fetcher did not ask for.
	 */
	static byte[] decoded(URI uri, byte[] body, String encoding, long maxBytes) throws IOException {
		if (encoding == null || body.length == 0) {
			return body;
		}
		String name = encoding.strip().toLowerCase(Locale.ROOT);
		if (!name.equals("gzip") && !name.equals("x-gzip") && !name.equals("deflate")) {
			return body;
		}
		// deflate is zlib-wrapped by the standard, raw from some servers: the first two
		// bytes tell which.
		Inflater inflater = name.equals("deflate") ? new Inflater(!isZlib(body)) : null;
		try (InputStream in = inflater == null ? new GZIPInputStream(new ByteArrayInputStream(body))
				: new InflaterInputStream(new ByteArrayInputStream(body), inflater)) {
			byte[] page = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
			if (page.length > maxBytes) {
				throw new PageFetcher.PageTooLargeException(uri, maxBytes);
			}
			return page;
		}
		catch (ZipException | EOFException ex) {
			throw new IOException(uri + " is not in the " + name + " encoding it was sent in: " + ex.getMessage(), ex);
		}
		finally {
			if (inflater != null) {
				inflater.end();
			}
		}
	}

	private static boolean isZlib(byte[] body) {
		return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
	}

}
