package dev.dafu.reply;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reply's short citation code (as 北大法宝's 引证码 is a document's): {@code DF-} and ten
 * Crockford base-32 characters in two groups, {@code DF-5T3K9-M2QXA}, made of the first
 * 48 bits of the reply's id. The id comes from the issuer and the document number (or
 * title), never from a URL or an index, so the code survives re-crawls, new URLs and
 * index rebuilds. Read back, case, dashes, spaces and the look-alikes I, L (1) and O (0)
 * do not matter. Two replies share a code only when their ids share their first 48 bits:
 * among a million replies, a chance of about 1 in 500 that any two do.
 */
public final class CitationCode {

	private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final Pattern ID = Pattern.compile("[0-9a-f]{12,}");

	private static final int HEX_DIGITS = 12;

	private static final int CHARACTERS = 10;

	private CitationCode() {
	}

	/**
	 * The code of the reply with {@code id}; null for an id that is not one Dafu makes.
	 */
	public static String of(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			return null;
		}
		long bits = Long.parseLong(id.substring(0, HEX_DIGITS), 16) << 2;
		char[] code = new char[CHARACTERS];
		for (int i = CHARACTERS - 1; i >= 0; i--) {
			code[i] = ALPHABET.charAt((int) (bits & 31));
			bits >>>= 5;
		}
		String text = new String(code);
		return "DF-" + text.substring(0, 5) + "-" + text.substring(5);
	}

	/**
	 * The first twelve hex digits of the id of the reply {@code code} cites, or empty
	 * when it is not a citation code.
	 */
	public static Optional<String> idPrefix(String code) {
		if (code == null) {
			return Optional.empty();
		}
		String text = code.toUpperCase(Locale.ROOT)
			.replaceAll("[\\s-]", "")
			.replace('I', '1')
			.replace('L', '1')
			.replace('O', '0');
		if (!text.startsWith("DF") || text.length() != 2 + CHARACTERS) {
			return Optional.empty();
		}
		long bits = 0;
		for (char c : text.substring(2).toCharArray()) {
			int value = ALPHABET.indexOf(c);
			if (value < 0) {
				return Optional.empty();
			}
			bits = (bits << 5) | value;
		}
		if ((bits & 3) != 0) {
			return Optional.empty();
		}
		return Optional.of(String.format("%012x", bits >>> 2));
	}

}
