package dev.dafu.indexer;

import java.time.Instant;
import java.util.Comparator;

import dev.dafu.reply.Reply;

/**
 * How recent a record of a reply is: the time the page it was read from was fetched, then
 * the version of the parser that read it (a page read again by a newer parser is newer).
 * A record without a fetch time (made before records carried one) is older than any with
 * one.
 *
 * @param fetchedAt when the page was fetched, null when not known
 * @param extractorVersion the parser's version, dotted numbers such as {@code 0.3.0}
 */
record SourceVersion(Instant fetchedAt, String extractorVersion) implements Comparable<SourceVersion> {

	private static final Comparator<SourceVersion> ORDER = Comparator
		.comparing(SourceVersion::fetchedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(SourceVersion::extractorVersion, Comparator.nullsFirst(SourceVersion::compareVersions));

	static SourceVersion of(Reply reply) {
		return new SourceVersion(reply.fetchedAt(), reply.extractorVersion());
	}

	boolean isOlderThan(SourceVersion other) {
		return compareTo(other) < 0;
	}

	@Override
	public int compareTo(SourceVersion other) {
		return ORDER.compare(this, other);
	}

	/**
	 * Dotted versions part by part, numbers as numbers ({@code 0.10.0} after
	 * {@code 0.9.1}).
	 */
	private static int compareVersions(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			String x = i < a.length ? a[i] : "0";
			String y = i < b.length ? b[i] : "0";
			int order = x.matches("\\d{1,9}") && y.matches("\\d{1,9}")
					? Integer.compare(Integer.parseInt(x), Integer.parseInt(y)) : x.compareTo(y);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

}
