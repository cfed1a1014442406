package dev.dafu.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A highlight fragment ({@link ReplyPage.Highlight}) read back into plain text parts,
 * each marked or not, for a page template to escape and mark itself: the page never takes
 * markup from the index, not even the API's own escaped fragments.
 */
public final class MarkedText {

	private static final Pattern MARKS = Pattern.compile("<mark>(.*?)</mark>", Pattern.DOTALL);

	private MarkedText() {
	}

	/** The parts of {@code fragment}, in order, its character references decoded. */
	public static List<Part> parts(String fragment) {
		List<Part> parts = new ArrayList<>();
		if (fragment == null) {
			return parts;
		}
		Matcher marks = MARKS.matcher(fragment);
		int from = 0;
		while (marks.find()) {
			add(parts, fragment.substring(from, marks.start()), false);
			add(parts, marks.group(1), true);
			from = marks.end();
		}
		add(parts, fragment.substring(from), false);
		return parts;
	}

	private static void add(List<Part> parts, String html, boolean marked) {
		if (!html.isEmpty()) {
			parts.add(new Part(HtmlUtils.htmlUnescape(html), marked));
		}
	}

	/**
	 * @param text plain text
	 * @param marked whether the query matched it
	 */
	public record Part(String text, boolean marked) {
	}

}
