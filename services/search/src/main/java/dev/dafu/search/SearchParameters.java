package dev.dafu.search;

import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;

import dev.dafu.search.ReplySearch.Paging;
import dev.dafu.search.ReplySearch.Sort;

import org.springframework.util.MultiValueMap;

/**
 * A search as a query string asks for it, checked against the service's bounds: the API
 * ({@code /api/replies}) and the search page ({@code /search}) read it the same way.
 *
 * @param query what the user typed
 * @param filters the filters
 * @param sort the order
 * @param paging the page, by number or by cursor
 * @param facetSize how many values each facet counts
 */
public record SearchParameters(SearchQuery query, SearchFilters filters, Sort sort, Paging paging, int facetSize) {

	/**
	 * The search a query string asks for: {@code q}, {@code page} (or {@code cursor}),
	 * {@code size}, {@code sort}, {@code facetSize}, and the filters among
	 * {@code params}.
	 * @throws BadSearchRequestException for a parameter out of bounds or malformed
	 */
	public static SearchParameters of(String q, Integer page, int size, String sort, String cursor, int facetSize,
			MultiValueMap<String, String> params, SearchProperties properties) {
		if (size < 1 || size > properties.maxPageSize()) {
			throw new BadSearchRequestException("size must be between 1 and " + properties.maxPageSize());
		}
		if (facetSize < 1 || facetSize > properties.maxFacetSize()) {
			throw new BadSearchRequestException("facetSize must be between 1 and " + properties.maxFacetSize());
		}
		if (page != null && page < 1) {
			throw new BadSearchRequestException("page must be 1 or more");
		}
		if (page != null && cursor != null) {
			throw new BadSearchRequestException("give page or cursor, not both");
		}
		int pageNumber = page == null ? 1 : page;
		if ((long) pageNumber * size > properties.maxResultWindow()) {
			throw new BadSearchRequestException("page × size must not exceed " + properties.maxResultWindow()
					+ "; to read further, follow nextCursor from the first page");
		}
		SearchQuery query = query(q, properties);
		Sort order = Sort.of(sort, query);
		List<FieldValue> after = cursor == null ? null : SearchCursor.decode(cursor, order.options().size());
		return new SearchParameters(query, SearchFilters.of(params), order, new Paging(pageNumber, size, after),
				facetSize);
	}

	/**
	 * The query {@code q} says.
	 * @throws BadSearchRequestException when it is longer than allowed
	 */
	static SearchQuery query(String q, SearchProperties properties) {
		if (q != null && q.length() > properties.maxQueryLength()) {
			throw new BadSearchRequestException(
					"q must not be longer than " + properties.maxQueryLength() + " characters");
		}
		return SearchQuery.parse(q);
	}

}
