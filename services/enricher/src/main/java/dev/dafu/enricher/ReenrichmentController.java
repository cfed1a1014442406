package dev.dafu.enricher;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's command that brings every reply to this enricher's version
 * ({@link Reenrichment}), and its progress.
 */
@RestController
@RequestMapping("/api/reenrichment")
class ReenrichmentController {

	private final Reenrichment reenrichment;

	ReenrichmentController(Reenrichment reenrichment) {
		this.reenrichment = reenrichment;
	}

	@PostMapping
	ResponseEntity<?> start() {
		try {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.reenrichment.start());
		}
		catch (IllegalStateException ex) {
			return problem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	@GetMapping
	ResponseEntity<?> progress() {
		Reenrichment.Progress progress = this.reenrichment.progress();
		return progress == null ? problem(HttpStatus.NOT_FOUND, "no re-enrichment was started on this instance")
				: ResponseEntity.ok(progress);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
