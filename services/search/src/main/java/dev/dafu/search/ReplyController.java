package dev.dafu.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.dafu.reply.Reply;

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
		SearchParameters asked = SearchParameters.of(q, page, size, sort, cursor, facetSize, params, this.properties);
		return this.search.search(asked.query(), asked.filters(), asked.sort(), asked.paging(), asked.facetSize());
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

}
