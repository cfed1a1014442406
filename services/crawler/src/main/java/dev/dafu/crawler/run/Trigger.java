package dev.dafu.crawler.run;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What started a crawl. Crawl records and the {@code dafu.crawler.crawls} metric carry
 * its label: {@code manual}, {@code schedule} or {@code startup}.
 */
public enum Trigger {

	/** An operator's "crawl now". */
	MANUAL,
	/** The site's schedule. */
	SCHEDULE,
	/**
	 * The crawler's {@code crawl-on-startup}, for each configured site when it started.
	 */
	STARTUP;

	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static Trigger of(String label) {
		return Arrays.stream(values())
			.filter(trigger -> trigger.label().equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown trigger: " + label));
	}

}
