package dev.dafu.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.util.NamedValue;

import dev.dafu.reply.Enrichment;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Submission;
import dev.dafu.search.ReplyPage.FacetValue;

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
	 * The aggregation that counts its {@code size} commonest values (years: every one).
	 */
	Aggregation counting(int size) {
		if (this == YEAR) {
			return Aggregation.of(a -> a.dateHistogram(d -> d.field(this.field)
				.calendarInterval(CalendarInterval.Year)
				.format("yyyy")
				.minDocCount(1)
				.order(NamedValue.of("_key", SortOrder.Desc))));
		}
		return Aggregation.of(a -> a.terms(t -> t.field(this.field).size(size)));
	}

	/** The values and counts of a {@link #counting} aggregation's answer. */
	static List<FacetValue> counts(Aggregate values) {
		return buckets(values).stream().map(bucket -> new FacetValue(bucket.value(), bucket.count())).toList();
	}

	/**
	 * The buckets of a {@link #counting} aggregation's answer, each with the answers of
	 * the aggregations under it.
	 */
	static List<Bucket> buckets(Aggregate values) {
		List<Bucket> buckets = new ArrayList<>();
		if (values.isDateHistogram()) {
			values.dateHistogram()
				.buckets()
				.array()
				.forEach(bucket -> buckets
					.add(new Bucket(bucket.keyAsString(), bucket.docCount(), bucket.aggregations())));
		}
		else {
			values.sterms()
				.buckets()
				.array()
				.forEach(bucket -> buckets
					.add(new Bucket(bucket.key().stringValue(), bucket.docCount(), bucket.aggregations())));
		}
		return buckets;
	}

	/**
	 * {@code value} as the index holds it (enum names upper case).
	 * @throws BadSearchRequestException when the facet has no such value
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
		throw new BadSearchRequestException(this.parameter + " must be one of "
				+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ", not "
				+ SearchFilters.quoted(value));
	}

	private String year(String value) {
		if (value.matches("\\d{4}")) {
			return value;
		}
		throw new BadSearchRequestException("year must be four digits, not " + SearchFilters.quoted(value));
	}

	/**
	 * @param value the facet's value
	 * @param count how many replies have it
	 * @param aggregations the answers of the aggregations under it, by name
	 */
	record Bucket(String value, long count, Map<String, Aggregate> aggregations) {
	}

}
