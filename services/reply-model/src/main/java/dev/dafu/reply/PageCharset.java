package dev.dafu.reply;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a page's bytes are encoded: a byte order mark, then the HTTP header, then
 * the page's own {@code <meta>} declaration, then the bytes themselves (valid UTF-8, or
 * else GB18030, the superset of GB2312 and GBK that older government sites use). GB2312
 * and GBK declarations are read as GB18030, since pages so labelled often hold characters
 * outside them. The crawler reads links and the parser reads replies with the same
 * answer.
 */
public final class PageCharset {

	private static final Pattern DECLARED = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-:.]+)",
			Pattern.CASE_INSENSITIVE);

	private static final int SNIFF_BYTES = 4096;

	private static final byte[] CHARSET = "charset".getBytes(StandardCharsets.US_ASCII);

	private static final Charset GB18030 = Charset.forName("GB18030");

	private PageCharset() {
	}

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] UTF16BE_BOM = { (byte) 0xFE, (byte) 0xFF };

	private static final byte[] UTF16LE_BOM = { (byte) 0xFF, (byte) 0xFE };

	/**
	 * The text of {@code content}, sent with {@code contentType}, without its byte order
	 * mark.
	 */
	public static String decode(byte[] content, String contentType) {
		Charset charset = of(content, contentType);
		int bom = startsWith(content, UTF8_BOM) ? UTF8_BOM.length
				: (startsWith(content, UTF16BE_BOM) || startsWith(content, UTF16LE_BOM)) ? UTF16BE_BOM.length : 0;
		return new String(content, bom, content.length - bom, charset);
	}

	/**
	 * The charset {@code content}, sent with {@code contentType}, is encoded in. A byte
	 * order mark wins over any declaration, as browsers decide.
	 */
	public static Charset of(byte[] content, String contentType) {
		if (startsWith(content, UTF8_BOM)) {
			return StandardCharsets.UTF_8;
		}
		if (startsWith(content, UTF16BE_BOM)) {
			return StandardCharsets.UTF_16BE;
		}
		if (startsWith(content, UTF16LE_BOM)) {
			return StandardCharsets.UTF_16LE;
		}
		Charset declared = declared(contentType);
		if (declared == null) {
			int at = indexOfCharset(content);
			if (at >= 0) {
				String declaration = new String(content, at, Math.min(content.length - at, 64),
						StandardCharsets.ISO_8859_1);
				Matcher meta = DECLARED.matcher(declaration);
				declared = meta.lookingAt() ? named(meta.group(1)) : null;
			}
		}
		if (declared != null) {
			return widened(declared);
		}
		return isUtf8(content) ? StandardCharsets.UTF_8 : GB18030;
	}

	/** Where the word {@code charset}, in any case, first stands in the page's head. */
	private static int indexOfCharset(byte[] content) {
		int end = Math.min(content.length, SNIFF_BYTES) - CHARSET.length;
		for (int at = 0; at <= end; at++) {
			if ((content[at] | 0x20) == 'c' && matchesCharset(content, at)) {
				return at;
			}
		}
		return -1;
	}

	private static boolean matchesCharset(byte[] content, int at) {
		for (int i = 1; i < CHARSET.length; i++) {
			if ((content[at + i] | 0x20) != CHARSET[i]) {
				return false;
			}
		}
		return true;
	}

	private static Charset declared(String contentType) {
		if (contentType == null) {
			return null;
		}
		Matcher matcher = DECLARED.matcher(contentType);
		return matcher.find() ? named(matcher.group(1)) : null;
	}

	private static Charset named(String name) {
		try {
			return Charset.forName(name);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			return null;
		}
	}

	private static Charset widened(Charset charset) {
		String name = charset.name().toUpperCase(Locale.ROOT);
		return name.equals("GB2312") || name.equals("GBK") || name.equals("X-GBK") || name.equals("EUC-CN") ? GB18030
				: charset;
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static boolean isUtf8(byte[] content) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
