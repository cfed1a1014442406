package dev.dafu.search;

import java.io.IOException;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Counts for charts, filtered like a search. */
@RestController
class StatsController {

	private final ReplyStatistics statistics;

	private final SearchProperties properties;

	StatsController(ReplyStatistics statistics, SearchProperties properties) {
		this.statistics = statistics;
		this.properties = properties;
	}

	@GetMapping("/api/stats")
	ReplyStatistics.Stats stats(@RequestParam(required = false) String q, @RequestParam(defaultValue = "10") int top,
			@RequestParam MultiValueMap<String, String> params) throws IOException {
		if (top < 1 || top > this.properties.maxFacetSize()) {
			throw new BadSearchRequestException("top must be between 1 and " + this.properties.maxFacetSize());
		}
		return this.statistics.of(SearchParameters.query(q, this.properties), SearchFilters.of(params), top);
	}

}
