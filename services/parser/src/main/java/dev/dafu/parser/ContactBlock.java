package dev.dafu.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.dafu.reply.Contact;

/**
 * Reads the contact block at the end of a reply, in whatever lines it is printed: one
 * field a line ({@code 联系人姓名：…}, {@code 联系电话：…}), several on one line
 * ({@code 联系人：张三　联系电话：…}, {@code 联系人：张三，电话：…}), or fields printed under one label
 * ({@code 联系单位及电话：财政部税政司 010-68551234}, {@code 联系人及电话：赵静 010-…}). Each field is cut where
 * the next label starts, so a name never swallows the phone number after it. The first
 * value found of each field wins.
 */
final class ContactBlock {

	/**
	 * Contact details stand in short lines; body paragraphs are not searched for them.
	 */
	private static final int MAX_LINE_LENGTH = 120;

	/** The longest line that is a label alone (a spaced-out one). */
	private static final int MAX_LABEL_LINE = 20;

	/**
	 * Every label, longer ones first so that {@code 联系人姓名} is not read as {@code 联系人},
	 * nor {@code 联系电话} as {@code 电话}.
	 */
	private static final List<String> LABELS = List
		.of("联系单位及联系电话", "承办单位及联系电话", "联系人及联系电话", "联系单位及电话", "承办单位及电话", "联系人及电话", "联系人和电话", "联系人与电话", "联系人姓名", "联系人员",
				"联系人", "承办人", "经办人", "联系单位", "承办单位", "承办处室", "联系方式", "联系电话", "电话号码", "办公电话", "电话", "手机", "联系地址", "通讯地址",
				"通信地址", "地址", "邮政编码", "邮编")
		.stream()
		.sorted(Comparator.comparingInt(String::length).reversed())
		.toList();

	/**
	 * The first letters of the labels: a line without a colon is read only if it starts
	 * so.
	 */
	private static final String LABEL_STARTS = LABELS.stream()
		.map(label -> label.substring(0, 1))
		.distinct()
		.collect(Collectors.joining());

	private static final Pattern PHONE = Pattern.compile("[（(]?[0-9０-９][0-9０-９\\-－—()（）\\s]{5,20}[0-9０-９][)）]?");

	private static final Pattern POSTCODE = Pattern.compile("[0-9０-９]{6}");

	/** Labels whose value names a person, beside a phone number perhaps. */
	private static final Pattern NAME_LABELS = Pattern.compile("联系人|承办人|经办人|联系方式");

	private static final Pattern EMPTY_BRACKETS = Pattern.compile("[（(]\\s*[）)]");

	/** Punctuation between fields that is not part of a value. */
	private static final Pattern SEPARATORS = Pattern.compile("^[\\s，,；;、。]+|[\\s，,；;、。]+$");

	/** What stands around a name or a unit and is not part of it. */
	private static final Pattern EDGES = Pattern.compile("^[\\s，,；;、。（()）]+|[\\s，,；;、。（()）]+$");

	private ContactBlock() {
	}

	/** The contact printed in {@code lines}, or null when they print none. */
	static Contact read(List<String> lines) {
		Fields fields = new Fields();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.length() > MAX_LINE_LENGTH) {
				continue;
			}
			if (line.indexOf('：') >= 0 || line.indexOf(':') >= 0) {
				readLine(line, fields);
			}
			else if (line.isEmpty() || LABEL_STARTS.indexOf(line.charAt(0)) < 0) {
				continue;
			}
			else if (isLabel(line) && i + 1 < lines.size() && !isLabel(lines.get(i + 1))) {
				// A label in a table cell of its own, its value in the next.
				readCells(PageText.withoutSpaces(line) + " " + lines.get(i + 1), 1, fields);
			}
			else {
				readCells(line, 2, fields);
			}
		}
		return fields.isEmpty() ? null
				: new Contact(fields.name, fields.phone, fields.address, fields.postcode, fields.unit);
	}

	/**
	 * Reads the fields of one line: each label is what stands before a colon, and its
	 * value runs to the next label. A line that does not open with a label (after at most
	 * two characters, such as a bracket) is no contact line.
	 */
	private static void readLine(String line, Fields fields) {
		List<int[]> labels = new ArrayList<>();
		for (int colon = 0; colon < line.length(); colon++) {
			char c = line.charAt(colon);
			if (c == '：' || c == ':') {
				int end = colon;
				while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
					end--;
				}
				for (int l = 0; l < LABELS.size(); l++) {
					int start = labelStart(line, end, LABELS.get(l));
					if (start >= 0) {
						labels.add(new int[] { start, colon + 1, l });
						break;
					}
				}
			}
		}
		if (labels.isEmpty() || labels.get(0)[0] > 2) {
			return;
		}
		for (int i = 0; i < labels.size(); i++) {
			int[] label = labels.get(i);
			String value = line.substring(label[1], i + 1 < labels.size() ? labels.get(i + 1)[0] : line.length());
			fields.read(LABELS.get(label[2]), SEPARATORS.matcher(PageText.fold(value)).replaceAll(""));
		}
	}

	/**
	 * Reads a line of a table's cells without colons, labels and values apart
	 * ({@code 联系人 张三 联系电话 010-68551234}): only a line that opens with a label and has at
	 * least {@code labels} of them.
	 */
	private static void readCells(String line, int labels, Fields fields) {
		if (!opensWithLabel(line)) {
			return;
		}
		String[] cells = line.strip().split("[\\s\\u3000\\u00a0]+");
		if (cells.length < 2 || !LABELS.contains(cells[0])
				|| Arrays.stream(cells).filter(LABELS::contains).count() < labels) {
			return;
		}
		String label = null;
		StringBuilder value = new StringBuilder();
		for (String cell : cells) {
			if (LABELS.contains(cell)) {
				if (label != null) {
					fields.read(label, value.toString());
				}
				label = cell;
				value.setLength(0);
			}
			else {
				value.append(value.isEmpty() ? "" : " ").append(cell);
			}
		}
		fields.read(label, value.toString());
	}

	private static boolean opensWithLabel(String line) {
		for (String label : LABELS) {
			if (line.startsWith(label)) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code line} is a label alone, perhaps spaced out, without a colon. */
	private static boolean isLabel(String line) {
		return line.length() <= MAX_LABEL_LINE && LABELS.contains(PageText.withoutSpaces(line));
	}

	/**
	 * Where {@code label} starts when it ends at {@code end} of {@code line}, its letters
	 * perhaps spaced out ({@code 联 系 人}, {@code 电　　话}); -1 when it does not end there.
	 */
	private static int labelStart(String line, int end, String label) {
		int at = end;
		for (int i = label.length() - 1; i >= 0; i--) {
			while (i < label.length() - 1 && at > 0 && PageText.isSpace(line.charAt(at - 1))) {
				at--;
			}
			if (at == 0 || line.charAt(at - 1) != label.charAt(i)) {
				return -1;
			}
			at--;
		}
		return at;
	}

	/** A phone number in {@code value}, with at least seven digits; null when none. */
	private static String phoneIn(String value) {
		Matcher phone = PHONE.matcher(value);
		while (phone.find()) {
			String found = unbracketed(phone.group().strip());
			if (digits(found) >= 7) {
				return found;
			}
		}
		return null;
	}

	/**
	 * {@code phone} without the brackets around it: its own, {@code （13912345678）}, or
	 * one that opens or closes a bracketed line, {@code （联系人：陈华，电话：0571-87654321）}; an
	 * area code's brackets stay.
	 */
	private static String unbracketed(String phone) {
		int open = count(phone, '（') + count(phone, '(');
		int close = count(phone, '）') + count(phone, ')');
		boolean opening = phone.startsWith("（") || phone.startsWith("(");
		boolean closing = phone.endsWith("）") || phone.endsWith(")");
		if (close > open && closing) {
			return phone.substring(0, phone.length() - 1).strip();
		}
		if (open > close && opening) {
			return phone.substring(1).strip();
		}
		if (open == 1 && close == 1 && opening && closing) {
			return phone.substring(1, phone.length() - 1).strip();
		}
		return phone;
	}

	private static int count(String text, char c) {
		return (int) text.chars().filter(ch -> ch == c).count();
	}

	private static int digits(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isDigit(text.charAt(i))) {
				digits++;
			}
		}
		return digits;
	}

	/** What a value says besides its phone number: a name or a unit. */
	private static String besidesPhone(String value, String phone) {
		String rest = phone == null ? value : EMPTY_BRACKETS.matcher(value.replace(phone, " ")).replaceAll(" ");
		rest = EDGES.matcher(PageText.fold(rest)).replaceAll("");
		return rest.isEmpty() ? null : rest;
	}

	/** The fields as they are found. */
	private static final class Fields {

		private String name;

		private String unit;

		private String phone;

		private String address;

		private String postcode;

		void read(String label, String value) {
			if (value.isEmpty()) {
				return;
			}
			switch (label) {
				case "联系地址", "通讯地址", "通信地址", "地址" -> this.address = first(this.address, value);
				case "邮政编码", "邮编" -> {
					Matcher postcode = POSTCODE.matcher(value);
					this.postcode = first(this.postcode, postcode.find() ? postcode.group() : null);
				}
				case "联系单位", "承办单位", "承办处室" -> this.unit = first(this.unit, besidesPhone(value, null));
				default -> {
					String phone = phoneIn(value);
					this.phone = first(this.phone, phone);
					String rest = besidesPhone(value, phone);
					if (label.startsWith("联系单位") || label.startsWith("承办单位")) {
						this.unit = first(this.unit, rest);
					}
					else if (NAME_LABELS.matcher(label).lookingAt()) {
						this.name = first(this.name, rest);
					}
				}
			}
		}

		boolean isEmpty() {
			return this.name == null && this.unit == null && this.phone == null && this.address == null
					&& this.postcode == null;
		}

		private static String first(String found, String candidate) {
			return found != null ? found : candidate;
		}

	}

}
