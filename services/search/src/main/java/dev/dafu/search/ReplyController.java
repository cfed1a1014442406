package dev.dafu.search;

import java.io.IOException;

import dev.dafu.reply.Reply;

import org.springframework.http.HttpStatus;
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

	ReplyController(ReplySearch search, SearchProperties properties) {
		this.search = search;
		this.properties = properties;
	}

	@GetMapping
	ReplyPage search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "20") int size) throws IOException {
		if (size < 1 || size > this.properties.maxPageSize()) {
			throw badRequest("size must be between 1 and " + this.properties.maxPageSize());
		}
		if (page < 1) {
			throw badRequest("page must be 1 or more");
		}
		if ((long) page * size > this.properties.maxResultWindow()) {
			throw badRequest("page × size must not exceed " + this.properties.maxResultWindow()
					+ "; narrow the query instead of paging this deep");
		}
		if (q != null && q.length() > this.properties.maxQueryLength()) {
			throw badRequest("q must not be longer than " + this.properties.maxQueryLength() + " characters");
		}
		return this.search.search(q, page, size);
	}

	@GetMapping("/{id}")
	Reply reply(@PathVariable String id) throws IOException {
		return this.search.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reply with id " + id));
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}
