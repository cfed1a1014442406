package dev.dafu.enricher;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dafu.reply.Enrichment;
import dev.dafu.reply.Enrichment.Amount;
import dev.dafu.reply.Enrichment.Percentage;
import dev.dafu.reply.Reply;
import dev.dafu.text.ChineseSegmenter.Word;

/**
 * What a reply names, by rules a reader can check:
 * <ul>
 * <li>organisations: the issuer, the contact's unit, the 抄送 recipients and group
 * proposers; words the dictionaries know as organisations ({@code nt}); and a place or
 * proper name followed by what names an institution (张江 + 实验室, 复旦 + 大学);</li>
 * <li>people: the proposers who are persons, and the contact;</li>
 * <li>places: words the dictionaries know as places ({@code ns}), with the unit printed
 * right after them that the segmenter cut off (浦东 新区, 张江 镇), a short name left out where
 * the full one is there too (浙江 with 浙江省);</li>
 * <li>money: a number with 元 and an optional multiplier (万, 亿 …), in yuan; percentages;
 * and years (a four-digit year before 年).</li>
 * </ul>
 */
final class Entities {

	/** The last word of an institution's name. */
	private static final Set<String> INSTITUTIONS = Set.of("实验室", "研究院", "研究所", "研究中心", "大学", "学院", "医院", "公司", "集团",
			"银行", "委员会", "基金会", "协会", "学会", "中心");

	/** The ends of a group proposer's name: a party, a federation, a committee. */
	private static final Pattern GROUP = Pattern.compile("(委|中央|会|党|社|盟|联|部|组|界|支部|小组)$");

	/** What a place's full name adds to its short one: 浙江省, 杭州市, 浦东新区, 张江镇. */
	private static final List<String> ADMINISTRATIVE_SUFFIXES = List.of("省", "市", "区", "县", "新区", "自治区", "自治州", "镇",
			"乡", "街道");

	/** Figures as printed: ASCII or full width, as Word prints them. */
	private static final String FIGURES = "0123456789０１２３４５６７８９";

	private static final Pattern MONEY = Pattern.compile(
			"([0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:\\.[0-9０-９]+)?|[0-9０-９]+(?:\\.[0-9０-９]+)?)\\s*(万亿|千亿|百亿|亿|千万|百万|十万|万|千)?\\s*元");

	/** Larger amounts are misprints or not money: left out. */
	private static final BigDecimal MAX_YUAN = BigDecimal.valueOf(Long.MAX_VALUE);

	private static final Pattern PERCENT = Pattern.compile("([0-9０-９]+(?:\\.[0-9０-９]+)?)\\s*[%％]");

	Enrichment.Entities of(Reply reply, List<Word> body) {
		Set<String> organizations = new LinkedHashSet<>();
		Set<String> people = new LinkedHashSet<>();
		add(organizations, reply.issuer());
		if (reply.submission() != null) {
			for (String proposer : reply.submission().proposers()) {
				add(GROUP.matcher(proposer).find() ? organizations : people, proposer);
			}
		}
		if (reply.contact() != null) {
			add(people, reply.contact().name());
			add(organizations, reply.contact().unit());
		}
		reply.cc().forEach(cc -> add(organizations, cc));
		Set<String> places = new LinkedHashSet<>();
		for (int i = 0; i < body.size(); i++) {
			Word word = body.get(i);
			// The word printed right after this one, if one is.
			Word next = i + 1 < body.size() && body.get(i + 1).offset() == word.offset() + word.text().length()
					? body.get(i + 1) : null;
			if (word.nature().startsWith("nt") && word.text().length() >= 3) {
				organizations.add(word.text());
			}
			else if (word.nature().startsWith("ns") && word.text().length() >= 2) {
				// 浦东 新区, 张江 镇: the segmenter cuts some units off; the place is whole.
				boolean unit = next != null && ADMINISTRATIVE_SUFFIXES.contains(next.text());
				places.add(unit ? word.text() + next.text() : word.text());
			}
			if (next != null && isName(word) && INSTITUTIONS.contains(next.text())) {
				organizations.add(word.text() + next.text());
			}
		}
		// 浙江 where the reply also says 浙江省 is the same place, named in full once.
		places.removeIf(place -> ADMINISTRATIVE_SUFFIXES.stream().anyMatch(suffix -> places.contains(place + suffix)));
		String text = reply.body() == null ? "" : reply.body();
		return new Enrichment.Entities(List.copyOf(organizations), List.copyOf(people), List.copyOf(places),
				percentages(text), years(text));
	}

	/** The money amounts of {@code text}, in order. */
	static List<Amount> amounts(String text) {
		List<Amount> amounts = new ArrayList<>();
		if (text == null) {
			return amounts;
		}
		for (Matcher m : before(text, MONEY, "元", FIGURES + ",.万亿千百十")) {
			BigDecimal number = new BigDecimal(ascii(m.group(1)).replace(",", ""));
			BigDecimal yuan = number.multiply(multiplier(m.group(2))).setScale(0, RoundingMode.HALF_UP);
			if (yuan.compareTo(MAX_YUAN) <= 0) {
				amounts.add(new Amount(m.group().replaceAll("\\s+", ""), yuan.longValueExact()));
			}
		}
		return amounts;
	}

	private static List<Percentage> percentages(String text) {
		List<Percentage> percentages = new ArrayList<>();
		for (Matcher m : before(text, PERCENT, "%％", FIGURES + ".")) {
			percentages.add(new Percentage(m.group(1) + "%", Double.parseDouble(ascii(m.group(1)))));
		}
		return percentages;
	}

	/**
	 * The matches of {@code pattern}, which ends with one of {@code marks} and holds
	 * nothing before it but whitespace and {@code chars}, in order: what a search of the
	 * whole text finds, though the pattern runs only over the text before each mark (a
	 * search from every position of a long body costs more than the rest of reading it).
	 */
	private static List<Matcher> before(String text, Pattern pattern, String marks, String chars) {
		List<Matcher> matches = new ArrayList<>();
		int from = 0;
		for (int at = 0; at < text.length(); at++) {
			if (marks.indexOf(text.charAt(at)) < 0) {
				continue;
			}
			int start = at;
			while (start > from && (chars.indexOf(text.charAt(start - 1)) >= 0 || isSpace(text.charAt(start - 1)))) {
				start--;
			}
			Matcher m = pattern.matcher(text).region(start, at + 1);
			if (m.find()) {
				matches.add(m);
			}
			from = at + 1;
		}
		return matches;
	}

	/** What {@code \s} matches. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/** The years {@code text} names: four figures from 1900 to 2099 before 年. */
	private static List<Integer> years(String text) {
		Set<Integer> years = new TreeSet<>();
		for (int at = text.indexOf('年'); at >= 0; at = text.indexOf('年', at + 1)) {
			int end = at;
			while (end > 0 && isSpace(text.charAt(end - 1))) {
				end--;
			}
			int start = end - 4;
			if (start >= 0 && isYear(text, start) && (start == 0 || !isDigit(text.charAt(start - 1)))) {
				years.add(Integer.parseInt(text, start, end, 10));
			}
		}
		return List.copyOf(years);
	}

	private static boolean isYear(String text, int start) {
		for (int i = start; i < start + 4; i++) {
			if (!isDigit(text.charAt(i))) {
				return false;
			}
		}
		int century = Character.digit(text.charAt(start), 10) * 10 + Character.digit(text.charAt(start + 1), 10);
		return century == 19 || century == 20;
	}

	private static boolean isDigit(char c) {
		return FIGURES.indexOf(c) >= 0;
	}

	/** {@code figures} with full-width figures as ASCII ones, to be parsed. */
	private static String ascii(String figures) {
		StringBuilder ascii = new StringBuilder(figures.length());
		for (int i = 0; i < figures.length(); i++) {
			char c = figures.charAt(i);
			ascii.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c);
		}
		return ascii.toString();
	}

	private static BigDecimal multiplier(String unit) {
		if (unit == null) {
			return BigDecimal.ONE;
		}
		return switch (unit) {
			case "千" -> BigDecimal.valueOf(1_000L);
			case "万" -> BigDecimal.valueOf(10_000L);
			case "十万" -> BigDecimal.valueOf(100_000L);
			case "百万" -> BigDecimal.valueOf(1_000_000L);
			case "千万" -> BigDecimal.valueOf(10_000_000L);
			case "亿" -> BigDecimal.valueOf(100_000_000L);
			case "百亿" -> BigDecimal.valueOf(10_000_000_000L);
			case "千亿" -> BigDecimal.valueOf(100_000_000_000L);
			case "万亿" -> BigDecimal.valueOf(1_000_000_000_000L);
			default -> throw new IllegalArgumentException("no multiplier " + unit);
		};
	}

	/** A place or a proper name, which an institution's last word can follow. */
	private static boolean isName(Word word) {
		return word.nature().startsWith("ns") || word.nature().startsWith("nz") || word.nature().startsWith("nr")
				|| word.nature().equals("j");
	}

	private static void add(Set<String> set, String value) {
		if (value != null && !value.isBlank()) {
			set.add(value.strip());
		}
	}

}
