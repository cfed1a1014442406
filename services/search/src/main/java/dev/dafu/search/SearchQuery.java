package dev.dafu.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user typed, read as a search user means it: words, {@code "phrases in quotes"}
 * (also “…” and 「…」), {@code -word} and {@code -"phrase"} to exclude, and a submission
 * number typed as such ({@code 0671}, {@code 第0671号}, {@code BH035}). Nothing of it is
 * ever query syntax: each part is only text to match.
 *
 * @param text the words left once phrases and exclusions are taken out, or empty
 * @param phrases the quoted phrases, each to occur as it is
 * @param excluded words and phrases no result may contain
 * @param submissionNumber the submission number the whole text names, without 第 and 号, or
 * null
 */
public record SearchQuery(String text, List<String> phrases, List<String> excluded, String submissionNumber) {

	private static final String OPENING_QUOTES = "\"“「『";

	private static final String CLOSING_QUOTES = "\"”」』";

	private static final Pattern SUBMISSION_NUMBER = Pattern.compile("第?\\s*([A-Za-z]{0,3}\\d{1,10})\\s*号?");

	public SearchQuery {
		text = text == null ? "" : text;
		phrases = List.copyOf(phrases);
		excluded = List.copyOf(excluded);
	}

	/** Reads {@code raw}; null or blank is the empty query. */
	public static SearchQuery parse(String raw) {
		List<String> phrases = new ArrayList<>();
		List<String> excluded = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		String input = raw == null ? "" : raw;
		int i = 0;
		while (i < input.length()) {
			char c = input.charAt(i);
			boolean tokenStart = i == 0 || Character.isWhitespace(input.charAt(i - 1));
			boolean minus = (c == '-' || c == '－') && tokenStart && i + 1 < input.length()
					&& !Character.isWhitespace(input.charAt(i + 1));
			int start = minus ? i + 1 : i;
			int quote = start < input.length() ? OPENING_QUOTES.indexOf(input.charAt(start)) : -1;
			if (quote >= 0) {
				int end = input.indexOf(CLOSING_QUOTES.charAt(quote), start + 1);
				if (end > start) {
					add(minus ? excluded : phrases, input.substring(start + 1, end));
					i = end + 1;
					continue;
				}
			}
			if (minus) {
				int end = start;
				while (end < input.length() && !Character.isWhitespace(input.charAt(end))) {
					end++;
				}
				add(excluded, input.substring(start, end));
				i = end;
				continue;
			}
			text.append(quote >= 0 ? ' ' : c);
			i++;
		}
		String words = text.toString().strip().replaceAll("\\s+", " ");
		Matcher number = SUBMISSION_NUMBER.matcher(words);
		String submissionNumber = phrases.isEmpty() && number.matches() ? number.group(1) : null;
		return new SearchQuery(words, phrases, excluded, submissionNumber);
	}

	/** Whether the query asks for anything: words, phrases or exclusions. */
	public boolean isEmpty() {
		return this.text.isEmpty() && this.phrases.isEmpty() && this.excluded.isEmpty();
	}

	/** The words and phrases a result must match, for highlighting. */
	public List<String> matched() {
		List<String> matched = new ArrayList<>(this.phrases);
		if (!this.text.isEmpty()) {
			matched.add(this.text);
		}
		return matched;
	}

	private static void add(List<String> to, String part) {
		String stripped = part.strip();
		if (!stripped.isEmpty()) {
			to.add(stripped);
		}
	}

}
