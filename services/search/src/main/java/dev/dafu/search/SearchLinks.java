package dev.dafu.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The links of a search page (or of a page that takes a search's parameters, such as the
 * statistics page), each the page's own query string changed in one way: a filter value
 * chosen or let go (several values of one filter may be chosen at once), another sort,
 * another page. Choosing a filter or a sort goes back to the first page.
 */
public final class SearchLinks {

	/**
	 * Parameters no link carries on: the page, and the language (a cookie remembers it).
	 */
	private static final Set<String> DROPPED = Set.of("page", "cursor", PageLanguage.PARAMETER);

	private final String path;

	private final MultiValueMap<String, String> params;

	/** The links of the page at {@code path} that {@code params} asked for. */
	public SearchLinks(String path, MultiValueMap<String, String> params) {
		this.path = path;
		this.params = new LinkedMultiValueMap<>();
		params.forEach((name, values) -> {
			for (String value : values) {
				if (value != null && !value.isBlank()) {
					this.params.add(name, value);
				}
			}
		});
	}

	/** Whether {@code value} is chosen for the filter {@code name}. */
	public boolean chosen(String name, String value) {
		return values(name).contains(value);
	}

	/** The values chosen for the filter {@code name}, each once. */
	public Set<String> values(String name) {
		return new LinkedHashSet<>(SearchFilters.values(this.params, name));
	}

	/**
	 * The values chosen for the filter {@code name}, comma-separated as a form field
	 * shows them.
	 */
	public String joined(String name) {
		return String.join(",", values(name));
	}

	/**
	 * This search with {@code value} of the filter {@code name} chosen, or let go if it
	 * was.
	 */
	public String toggled(String name, String value) {
		Set<String> values = values(name);
		if (!values.remove(value)) {
			values.add(value);
		}
		return choosing(name, values);
	}

	/**
	 * This search with {@code value} of the filter {@code name} chosen, as well as any
	 * chosen before.
	 */
	public String with(String name, String value) {
		Set<String> values = values(name);
		values.add(value);
		return choosing(name, values);
	}

	/** This search in {@code sort}'s order. */
	public String sorted(String sort) {
		MultiValueMap<String, String> changed = withoutPaging();
		changed.set("sort", sort);
		return link(changed);
	}

	/** Page {@code page} of this search. */
	public String page(int page) {
		MultiValueMap<String, String> changed = withoutPaging();
		if (page > 1) {
			changed.set("page", Integer.toString(page));
		}
		return link(changed);
	}

	/**
	 * This search, from its first page, at another address that takes the same
	 * parameters: the API's {@code /api/replies}, the statistics page {@code /stats}.
	 */
	public String at(String path) {
		return link(path, withoutPaging());
	}

	/**
	 * This very page in the language {@code tag}: every parameter kept, its page number
	 * too.
	 */
	public String inLanguage(String tag) {
		MultiValueMap<String, String> changed = new LinkedMultiValueMap<>(this.params);
		changed.set(PageLanguage.PARAMETER, tag);
		return link(changed);
	}

	/**
	 * This search from its first page with {@code values} the choice of the filter
	 * {@code name}.
	 */
	private String choosing(String name, Set<String> values) {
		MultiValueMap<String, String> changed = withoutPaging();
		changed.put(name, new ArrayList<>(values));
		return link(changed);
	}

	private MultiValueMap<String, String> withoutPaging() {
		MultiValueMap<String, String> copy = new LinkedMultiValueMap<>();
		this.params.forEach((name, values) -> {
			if (!DROPPED.contains(name)) {
				copy.put(name, new ArrayList<>(values));
			}
		});
		return copy;
	}

	private String link(MultiValueMap<String, String> params) {
		return link(this.path, params);
	}

	private static String link(String path, MultiValueMap<String, String> params) {
		StringJoiner query = new StringJoiner("&", path + "?", "").setEmptyValue(path);
		params.forEach((name, values) -> {
			for (String value : values) {
				query.add(encoded(name) + "=" + encoded(value));
			}
		});
		return query.toString();
	}

	private static String encoded(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
