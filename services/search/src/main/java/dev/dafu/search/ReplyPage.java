package dev.dafu.search;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of search results.
 *
 * @param total how many replies match in all
 * @param page the 1-based page number (1 for a page read by cursor)
 * @param size the page size asked for
 * @param items the replies on this page, as a list shows them
 * @param highlights for each reply on the page (by id) that has them, the fragments of
 * its title and body where the query matched: HTML-escaped text whose only markup is
 * {@code <mark>…</mark>}
 * @param facets for each facet, its values with how many replies have them: counted with
 * every filter but the facet's own, so choosing one value still shows the others
 * @param nextCursor the cursor of the next page, absent on the last one
 */
public record ReplyPage(long total, int page, int size, List<ReplySummary> items, Map<String, Highlight> highlights,
		Map<String, List<FacetValue>> facets, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

	/**
	 * @param title the title with the matched words marked, or absent
	 * @param body up to three fragments of the body with the matched words marked
	 */
	public record Highlight(@JsonInclude(JsonInclude.Include.NON_NULL) String title, List<String> body) {
	}

	/**
	 * @param value the facet's value, as the filter of the same name takes it
	 * @param count how many replies have it
	 */
	public record FacetValue(String value, long count) {
	}

}
