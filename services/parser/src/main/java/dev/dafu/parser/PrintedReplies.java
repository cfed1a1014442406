package dev.dafu.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replies printed one after another in one text (a PDF or Word file holding several, a
 * page that lists several) cut into one text each, and the test of whether a text reads
 * as a letter: a reply, not a list of titles or a stub page that only links its reply.
 */
final class PrintedReplies {

	/** How a reply opens: {@code 您提出的…收悉}, {@code 现答复如下}, {@code 现将会办意见函告如下}. */
	private static final Pattern OPENING = Pattern.compile(".*(收悉|答复如下|函复如下|现答复|现将.{0,30}(答复|函告|报告)|意见如下|函告如下).*");

	/** A letter opens within this many lines after its title. */
	private static final int OPENING_LINES = 8;

	private static final int MAX_SALUTATION_LENGTH = 40;

	/**
	 * Labels of page metadata that still hold when a text is cut into several replies.
	 */
	private static final Set<String> PUBLICATION_LABELS = Set.of("发布日期", "发布时间", "PubDate");

	private PrintedReplies() {
	}

	/**
	 * The texts of the replies in {@code text}, one from each distinct reply title, each
	 * starting at the header lines printed above its title (number, issuer, result,
	 * disclosure). A text with fewer than two titles is one reply's, returned as it is.
	 */
	static List<PageText> split(PageText text) {
		List<String> lines = text.lines();
		List<Integer> starts = new ArrayList<>();
		Set<String> titles = new HashSet<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (ReplyExtractor.isReplyTitle(line) && titles.add(line.replace(" ", ""))) {
				starts.add(headerStart(lines, i, starts.isEmpty() ? 0 : starts.get(starts.size() - 1) + 1));
			}
		}
		if (starts.size() < 2) {
			return List.of(text);
		}
		Map<String, String> publication = new LinkedHashMap<>(text.metadata());
		publication.keySet().retainAll(PUBLICATION_LABELS);
		List<PageText> replies = new ArrayList<>();
		for (int r = 0; r < starts.size(); r++) {
			int end = r + 1 < starts.size() ? starts.get(r + 1) : lines.size();
			List<String> reply = lines.subList(starts.get(r), end);
			replies.add(new PageText(reply, publication, reply));
		}
		return replies;
	}

	/**
	 * Whether {@code text} reads as a letter: a salutation or an opening sentence soon
	 * after its title, or numbered sections.
	 */
	static boolean readsAsLetter(PageText text) {
		List<String> lines = text.lines();
		int title = 0;
		while (title < lines.size() && !ReplyExtractor.isReplyTitle(lines.get(title))) {
			title++;
		}
		int from = title < lines.size() ? title + 1 : 0;
		for (int i = from; i < Math.min(lines.size(), from + OPENING_LINES); i++) {
			String line = lines.get(i);
			if (isSalutation(line) || OPENING.matcher(line).matches()) {
				return true;
			}
		}
		return lines.stream().filter(ReplyExtractor::isTopHeading).limit(2).count() == 2;
	}

	/** The salutation (称谓) that opens a letter: {@code 张三、李四代表：}, {@code 民盟中央：}. */
	static boolean isSalutation(String line) {
		return (line.endsWith("：") || line.endsWith(":")) && line.length() <= MAX_SALUTATION_LENGTH
				&& !line.contains("收悉") && !ReplyExtractor.isHeaderLine(line) && !line.startsWith("附件");
	}

	/**
	 * Walks back from a title over the lines printed above it: number, issuer, result,
	 * disclosure.
	 */
	private static int headerStart(List<String> lines, int title, int floor) {
		int start = title;
		while (start - 1 >= floor && start > title - 4 && ReplyExtractor.isHeaderLine(lines.get(start - 1))) {
			start--;
		}
		return start;
	}

}
