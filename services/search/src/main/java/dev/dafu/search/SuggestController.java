package dev.dafu.search;

import java.io.IOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Completions as the user types. */
@RestController
class SuggestController {

	private static final int MAX_SUGGESTIONS = 20;

	private final Suggestions suggestions;

	private final SearchProperties properties;

	SuggestController(Suggestions suggestions, SearchProperties properties) {
		this.suggestions = suggestions;
		this.properties = properties;
	}

	@GetMapping("/api/suggest")
	Suggestions.Suggested suggest(@RequestParam(required = false) String q, @RequestParam(defaultValue = "8") int size)
			throws IOException {
		if (size < 1 || size > MAX_SUGGESTIONS) {
			throw new BadSearchRequestException("size must be between 1 and " + MAX_SUGGESTIONS);
		}
		// The same limit on what was typed as a search has.
		SearchParameters.query(q, this.properties);
		return this.suggestions.of(q, size);
	}

}
