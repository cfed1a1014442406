package dev.dafu.search;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.dafu.reply.Reply;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/cite/{code}}: where a citation code leads, a redirect to the reply it
 * cites.
 */
@RestController
class CitationController {

	private final ReplySearch search;

	CitationController(ReplySearch search) {
		this.search = search;
	}

	@GetMapping("/api/cite/{code}")
	ResponseEntity<Map<String, List<Map<String, String>>>> cite(@PathVariable String code) throws IOException {
		List<Reply> cited = this.search.cited(code);
		if (cited.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no reply has the citation code " + code);
		}
		if (cited.size() == 1) {
			return ResponseEntity.status(HttpStatus.FOUND)
				.location(URI.create("/api/replies/" + cited.get(0).id()))
				.build();
		}
		return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES)
			.body(Map.of("items",
					cited.stream()
						.map(reply -> Map.of("id", reply.id(), "title", String.valueOf(reply.title()), "href",
								"/api/replies/" + reply.id()))
						.toList()));
	}

}
