package dev.dafu.search;

import dev.dafu.text.ChineseSegmenter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/replies/stream}: new, updated and withdrawn replies as server-sent
 * events, as they are announced, filtered by the search's parameters.
 */
@RestController
class LiveStreamController {

	private final LiveStreams streams;

	private final ChineseSegmenter segmenter;

	private final SearchProperties properties;

	LiveStreamController(LiveStreams streams, ChineseSegmenter segmenter, SearchProperties properties) {
		this.streams = streams;
		this.segmenter = segmenter;
		this.properties = properties;
	}

	@GetMapping(path = "/api/replies/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestParam(required = false) String q, @RequestParam MultiValueMap<String, String> params,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		ReplyMatcher matcher = new ReplyMatcher(SearchParameters.query(q, this.properties), SearchFilters.of(params),
				this.segmenter);
		return this.streams.open(matcher, lastEventId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
					"at most " + this.properties.maxStreams() + " live streams at once: try again later"));
	}

}
