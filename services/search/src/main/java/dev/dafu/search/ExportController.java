package dev.dafu.search;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/replies/export}: a whole result set as CSV or JSON Lines, streamed. At
 * most {@code maxExports} run at once on an instance (429 beyond) and an export holds at
 * most {@code maxExportRows} replies (400 beyond: narrow the search).
 */
@RestController
class ExportController {

	private final ReplyExport export;

	private final SearchProperties properties;

	private final Semaphore running;

	ExportController(ReplyExport export, SearchProperties properties) {
		this.export = export;
		this.properties = properties;
		this.running = new Semaphore(properties.maxExports());
	}

	@GetMapping("/api/replies/export")
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String q,
			@RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String sort,
			@RequestParam MultiValueMap<String, String> params) throws Exception {
		String kind = format.toLowerCase(Locale.ROOT);
		if (!kind.equals("csv") && !kind.equals("jsonl")) {
			throw new BadSearchRequestException("format must be csv or jsonl, not " + SearchFilters.quoted(format));
		}
		SearchQuery query = SearchParameters.query(q, this.properties);
		SearchFilters filters = SearchFilters.of(params);
		ReplySearch.Sort order = ReplySearch.Sort.of(sort, query);
		long count = this.export.count(query, filters);
		if (count > this.properties.maxExportRows()) {
			throw new BadSearchRequestException("the search finds " + count + " replies and an export holds at most "
					+ this.properties.maxExportRows() + ": narrow it");
		}
		if (!this.running.tryAcquire()) {
			throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
					this.properties.maxExports() + " exports are running: try again in a minute");
		}
		StreamingResponseBody body = out -> {
			try {
				if (kind.equals("csv")) {
					this.export.csv(query, filters, order, out);
				}
				else {
					this.export.jsonLines(query, filters, order, out);
				}
			}
			finally {
				this.running.release();
			}
		};
		return ResponseEntity.ok()
			.contentType(kind.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
					: MediaType.parseMediaType("application/x-ndjson"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dafu-replies." + kind + "\"")
			.header("X-Total-Count", String.valueOf(count))
			.body(body);
	}

}
