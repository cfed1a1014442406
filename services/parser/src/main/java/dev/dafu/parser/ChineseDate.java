package dev.dafu.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as printed in replies: {@code 2024年6月21日} or {@code 二〇二四年六月二十一日}, and a line of
 * figures alone, {@code 2024-06-12}, {@code 2024.6.12}, {@code 2024/6/12}.
 */
final class ChineseDate {

	static final Pattern DATE = Pattern.compile(
			"([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\\s*年\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\\s*月\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s*日");

	/** A date in figures, one separator throughout. */
	private static final Pattern FIGURES = Pattern.compile("([0-9０-９]{4})([-./])([0-9０-９]{1,2})\\2([0-9０-９]{1,2})");

	private static final String DIGITS = "〇一二三四五六七八九";

	private ChineseDate() {
	}

	/** The date when the whole of {@code text} is one date. */
	static Optional<LocalDate> parseWhole(String text) {
		String date = text.strip();
		if (date.endsWith("日")) {
			Matcher matcher = DATE.matcher(date);
			return matcher.matches() ? toDate(matcher.group(1), matcher.group(2), matcher.group(3)) : Optional.empty();
		}
		if (date.length() <= 10 && !date.isEmpty() && Character.isDigit(date.charAt(date.length() - 1))) {
			Matcher figures = FIGURES.matcher(date);
			if (figures.matches()) {
				return toDate(figures.group(1), figures.group(3), figures.group(4));
			}
		}
		return Optional.empty();
	}

	private static Optional<LocalDate> toDate(String year, String month, String day) {
		try {
			return Optional.of(LocalDate.of(year(year), number(month), number(day)));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static int year(String text) {
		StringBuilder digits = new StringBuilder();
		for (char c : text.toCharArray()) {
			digits.append(Character.isDigit(c) ? c : (char) ('0' + digit(c)));
		}
		return Integer.parseInt(digits.toString());
	}

	/** 1–31 written with Arabic digits or with 一…十 (十一, 二十, 三十一). */
	private static int number(String text) {
		if (Character.isDigit(text.charAt(0))) {
			return Integer.parseInt(text);
		}
		int ten = text.indexOf('十');
		if (ten < 0) {
			return digit(text.charAt(0));
		}
		int tens = ten == 0 ? 1 : digit(text.charAt(0));
		int units = ten == text.length() - 1 ? 0 : digit(text.charAt(ten + 1));
		return tens * 10 + units;
	}

	private static int digit(char c) {
		return (c == '○' || c == '零') ? 0 : DIGITS.indexOf(c);
	}

}
