package dev.dafu.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How the pages name a filter's value: named constants (level, kind, result) in the
 * page's language, the other filters with what they are ({@code 自 2024-01-01}), the rest
 * as they are.
 */
@Component
class FilterLabels {

	/** The filters a page lists as chosen, in this order. */
	static final List<String> FILTERS = List.of("issuer", "level", "region", "year", "kind", "result", "topic",
			"session", "proposer", "site", "from", "to", "withdrawn");

	private final MessageSource messages;

	FilterLabels(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * {@code value} of the filter {@code parameter}, as a reader of {@code locale} reads
	 * it.
	 */
	String label(String parameter, String value, Locale locale) {
		return switch (parameter) {
			case "level", "kind", "result" ->
				this.messages.getMessage(parameter + "." + value.toUpperCase(Locale.ROOT), null, value, locale);
			case "from", "to", "withdrawn", "region", "proposer", "site" ->
				this.messages.getMessage("filter." + parameter, new Object[] { value }, value, locale);
			default -> value;
		};
	}

	/** The filter values {@code links}' page has chosen, each with its label. */
	List<Choice> chosen(SearchLinks links, Locale locale) {
		List<Choice> chosen = new ArrayList<>();
		for (String parameter : FILTERS) {
			for (String value : links.values(parameter)) {
				chosen.add(new Choice(parameter, value, label(parameter, value, locale)));
			}
		}
		return chosen;
	}

	/** A filter value chosen, with its label. */
	record Choice(String parameter, String value, String label) {
	}

}
