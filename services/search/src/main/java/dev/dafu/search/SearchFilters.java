package dev.dafu.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * The filters of a search, as the query string gives them. Several values of one
 * parameter ({@code kind=SUGGESTION&kind=PROPOSAL}, or comma-separated) match any of
 * them; different parameters must all match.
 *
 * @param facets the values chosen for each facet (issuer, level, year, kind, result,
 * topic, session)
 * @param regions the regions ({@code 上海市}, {@code 全国})
 * @param proposers the proposers' names
 * @param sites the site ids
 * @param from the earliest reply date, or null
 * @param to the latest reply date, or null
 * @param withdrawn whether replies withdrawn from every URL are included, excluded or the
 * only ones
 */
public record SearchFilters(Map<Facet, List<String>> facets, List<String> regions, List<String> proposers,
		List<String> sites, LocalDate from, LocalDate to, Withdrawn withdrawn) {

	/** At most this many values for one parameter. */
	static final int MAX_VALUES = 50;

	public SearchFilters {
		EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
		facets.forEach((facet, values) -> copy.put(facet, List.copyOf(values)));
		facets = copy;
		regions = List.copyOf(regions);
		proposers = List.copyOf(proposers);
		sites = List.copyOf(sites);
	}

	/** No filter: every reply, withdrawn ones included. */
	public static SearchFilters none() {
		return new SearchFilters(Map.of(), List.of(), List.of(), List.of(), null, null, Withdrawn.INCLUDE);
	}

	/**
	 * The filters {@code params} name.
	 * @throws BadSearchRequestException saying which parameter is wrong and why
	 */
	public static SearchFilters of(MultiValueMap<String, String> params) {
		EnumMap<Facet, List<String>> facets = new EnumMap<>(Facet.class);
		for (Facet facet : Facet.values()) {
			List<String> values = checkedValues(params, facet.parameter());
			List<String> checked = new ArrayList<>();
			for (String value : values) {
				checked.add(facet.checked(value));
			}
			if (!checked.isEmpty()) {
				facets.put(facet, checked);
			}
		}
		LocalDate from = date(params, "from");
		LocalDate to = date(params, "to");
		if (from != null && to != null && from.isAfter(to)) {
			throw new BadSearchRequestException("from must not be after to");
		}
		return new SearchFilters(facets, checkedValues(params, "region"), checkedValues(params, "proposer"),
				checkedValues(params, "site"), from, to, withdrawn(params.getFirst("withdrawn")));
	}

	/** The values chosen for {@code facet}, perhaps none. */
	public List<String> of(Facet facet) {
		return this.facets.getOrDefault(facet, List.of());
	}

	/**
	 * The values of the parameter {@code name}: repeated, comma-separated (either comma),
	 * or both.
	 */
	static List<String> values(MultiValueMap<String, String> params, String name) {
		List<String> values = new ArrayList<>();
		for (String value : params.getOrDefault(name, List.of())) {
			for (String part : value.split("[,，]")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values;
	}

	private static List<String> checkedValues(MultiValueMap<String, String> params, String name) {
		List<String> values = values(params, name);
		if (values.size() > MAX_VALUES) {
			throw new BadSearchRequestException(name + " takes at most " + MAX_VALUES + " values");
		}
		return values;
	}

	private static LocalDate date(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadSearchRequestException(name + " must be a date as yyyy-mm-dd, not " + quoted(value));
		}
	}

	private static Withdrawn withdrawn(String value) {
		if (value == null || value.isBlank()) {
			return Withdrawn.INCLUDE;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "include", "true" -> Withdrawn.INCLUDE;
			case "exclude", "false" -> Withdrawn.EXCLUDE;
			case "only" -> Withdrawn.ONLY;
			default ->
				throw new BadSearchRequestException("withdrawn must be include, exclude or only, not " + quoted(value));
		};
	}

	/** {@code value} shortened for an error message. */
	static String quoted(String value) {
		return "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"";
	}

	/** Whether withdrawn replies are searched. */
	public enum Withdrawn {

		INCLUDE, EXCLUDE, ONLY

	}

}
