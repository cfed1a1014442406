package dev.dafu.reply;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the answering unit says it handled the submission (办理结果): the text as printed, and
 * the category Dafu maps it to. Sites use different vocabularies and letter grades; a
 * reply without a printed result has no HandlingResult at all, not
 * {@link Category#OTHER}.
 *
 * @param raw the result as printed, e.g. {@code 解决采纳} or {@code B类}
 * @param category what it means
 */
public record HandlingResult(String raw, Category category) {

	private static final Map<String, Category> CATEGORIES = Map.ofEntries(Map.entry("A", Category.RESOLVED),
			Map.entry("解决采纳", Category.RESOLVED), Map.entry("解决或采纳", Category.RESOLVED),
			Map.entry("已经解决或采纳", Category.RESOLVED), Map.entry("已解决或采纳", Category.RESOLVED),
			Map.entry("B", Category.IN_PROGRESS), Map.entry("正在解决", Category.IN_PROGRESS),
			Map.entry("正在解决或采纳", Category.IN_PROGRESS), Map.entry("C", Category.PLANNED),
			Map.entry("计划解决", Category.PLANNED), Map.entry("列入计划拟解决", Category.PLANNED),
			Map.entry("列入计划拟解决或采纳", Category.PLANNED), Map.entry("D", Category.REFERENCE),
			Map.entry("留作参考", Category.REFERENCE), Map.entry("作为工作参考", Category.REFERENCE),
			Map.entry("难以解决", Category.REFERENCE), Map.entry("因条件限制难以解决", Category.REFERENCE));

	private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");

	/**
	 * A letter grade, perhaps with what it means: {@code B类}, {@code B（正在解决或已列入计划解决）}.
	 */
	private static final Pattern GRADE = Pattern.compile("^([A-Da-d])类?(?:[（(][^）)]*[）)])?$");

	/**
	 * The result printed as {@code raw}, with its category (OTHER for an unknown
	 * vocabulary).
	 */
	public static HandlingResult of(String raw) {
		String key = GRADE.matcher(SPACES.matcher(raw).replaceAll("")).replaceFirst("$1").toUpperCase(Locale.ROOT);
		return new HandlingResult(raw.strip(), CATEGORIES.getOrDefault(key, Category.OTHER));
	}

	public enum Category {

		RESOLVED, IN_PROGRESS, PLANNED, REFERENCE, OTHER

	}

}
