package dev.dafu.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.dafu.reply.Enrichment;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Submission;

/**
 * A facet of the search answer and a filter of the same name: the query parameter, the
 * field it counts and filters on, and the values it takes.
 */
public enum Facet {

	ISSUER("issuer", "issuer"),

	LEVEL("level", "enrichment.level"),

	YEAR("year", "replyDate"),

	KIND("kind", "submission.kind"),

	RESULT("result", "handlingResult.category"),

	TOPIC("topic", "enrichment.topics.name"),

	SESSION("session", "submission.session");

	private final String parameter;

	private final String field;

	Facet(String parameter, String field) {
		this.parameter = parameter;
		this.field = field;
	}

	/** The query parameter that filters on it, and its name in the answer's facets. */
	public String parameter() {
		return this.parameter;
	}

	/** The indexed field it counts. */
	public String field() {
		return this.field;
	}

	/**
	 * {@code value} as the index holds it (enum names upper case).
	 * @throws IllegalArgumentException when the facet has no such value
	 */
	String checked(String value) {
		return switch (this) {
			case LEVEL -> constant(Enrichment.Level.class, value);
			case KIND -> constant(Submission.Kind.class, value);
			case RESULT -> constant(HandlingResult.Category.class, value);
			case YEAR -> year(value);
			default -> value;
		};
	}

	private String constant(Class<? extends Enum<?>> type, String value) {
		String name = value.toUpperCase(Locale.ROOT);
		for (Enum<?> constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return name;
			}
		}
		throw new IllegalArgumentException(this.parameter + " must be one of "
				+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ", not "
				+ SearchFilters.quoted(value));
	}

	private String year(String value) {
		if (value.matches("\\d{4}")) {
			return value;
		}
		throw new IllegalArgumentException("year must be four digits, not " + SearchFilters.quoted(value));
	}

}
