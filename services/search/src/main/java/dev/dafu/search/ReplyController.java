package dev.dafu.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch._types.FieldValue;

import dev.dafu.reply.Reply;
import dev.dafu.search.ReplySearch.Paging;
import dev.dafu.search.ReplySearch.Sort;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The search REST API. Errors answer as RFC 9457 problem details. */
@RestController
@RequestMapping("/api/replies")
class ReplyController {

	private final ReplySearch search;

	private final SearchProperties properties;

	private final RelatedReplies related;

	ReplyController(ReplySearch search, RelatedReplies related, SearchProperties properties) {
		this.search = search;
		this.related = related;
		this.properties = properties;
	}

	@GetMapping
	ReplyPage search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "10") int facetSize,
			@RequestParam MultiValueMap<String, String> params) throws IOException {
		if (size < 1 || size > this.properties.maxPageSize()) {
			throw new BadSearchRequestException("size must be between 1 and " + this.properties.maxPageSize());
		}
		if (facetSize < 1 || facetSize > this.properties.maxFacetSize()) {
			throw new BadSearchRequestException("facetSize must be between 1 and " + this.properties.maxFacetSize());
		}
		if (page != null && page < 1) {
			throw new BadSearchRequestException("page must be 1 or more");
		}
		if (page != null && cursor != null) {
			throw new BadSearchRequestException("give page or cursor, not both");
		}
		int number = page == null ? 1 : page;
		if ((long) number * size > this.properties.maxResultWindow()) {
			throw new BadSearchRequestException("page × size must not exceed " + this.properties.maxResultWindow()
					+ "; to read further, follow nextCursor from the first page");
		}
		SearchQuery query = query(q, this.properties);
		Sort order = Sort.of(sort, query);
		List<FieldValue> after = cursor == null ? null : SearchCursor.decode(cursor, order.options().size());
		return this.search.search(query, SearchFilters.of(params), order, new Paging(number, size, after), facetSize);
	}

	@GetMapping("/{id}")
	Reply reply(@PathVariable String id) throws IOException {
		return this.search.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reply with id " + id));
	}

	/**
	 * The replies that belong with one: same submission first, then near-duplicates, then
	 * alike ones.
	 */
	@GetMapping("/{id}/related")
	Map<String, List<RelatedReplies.Related>> related(@PathVariable String id,
			@RequestParam(defaultValue = "10") int size) throws IOException {
		if (size < 1 || size > this.properties.maxPageSize()) {
			throw new BadSearchRequestException("size must be between 1 and " + this.properties.maxPageSize());
		}
		return Map.of("items", this.related.of(reply(id), size));
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
