package dev.dafu.crawler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.dafu.crawler.run.CrawlRecord;
import dev.dafu.crawler.run.Crawls;
import dev.dafu.crawler.run.SiteBusyException;
import dev.dafu.crawler.run.Trigger;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.crawler.site.Sites;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API: register sites, start and cancel crawls, watch them. Every call needs
 * the operator's credentials (see {@code OperatorSecurityConfiguration}); errors answer
 * as RFC 9457 problem details. Described in OpenAPI at {@code /v3/api-docs}.
 */
@RestController
@RequestMapping("/api")
class OperatorApi {

	private final Sites sites;

	private final Crawls crawls;

	private final PageOutcomes outcomes;

	OperatorApi(Sites sites, Crawls crawls, PageOutcomes outcomes) {
		this.sites = sites;
		this.crawls = crawls;
		this.outcomes = outcomes;
	}

	/** Registers a site, or updates the one with the same id. */
	@PostMapping("/sites")
	ResponseEntity<SiteProfile> register(@Valid @RequestBody SiteProfile profile) {
		boolean known = this.sites.get(profile.id()).isPresent();
		this.sites.put(profile.id(), profile.validated());
		return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED)
			.location(URI.create("/api/sites/" + profile.id()))
			.body(profile);
	}

	@GetMapping("/sites")
	List<SiteProfile> sites() {
		return this.sites.all();
	}

	@GetMapping("/sites/{id}")
	SiteProfile site(@PathVariable String id) {
		return this.sites.get(id).orElseThrow(() -> new NoSuchElementException("no site with id " + id));
	}

	@DeleteMapping("/sites/{id}")
	ResponseEntity<Void> forget(@PathVariable String id) {
		if (!this.sites.delete(id)) {
			throw new NoSuchElementException("no site with id " + id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Starts a crawl now; answers 202 with the crawl, to follow at its Location, or 409
	 * if one is on.
	 */
	@PostMapping("/sites/{id}/crawls")
	ResponseEntity<CrawlStatus> crawlNow(@PathVariable String id) {
		CrawlRecord crawl = this.crawls.crawlNow(id, Trigger.MANUAL);
		return ResponseEntity.accepted()
			.location(URI.create("/api/crawls/" + crawl.id()))
			.body(CrawlStatus.of(crawl, Map.of()));
	}

	@GetMapping("/sites/{id}/crawls")
	List<CrawlStatus> recentCrawls(@PathVariable String id) {
		site(id);
		return CrawlStatus.of(this.crawls.recent(id), this.outcomes);
	}

	/** The crawl, with what the parser made of the pages it sent so far. */
	@GetMapping("/crawls/{crawlId}")
	CrawlStatus crawl(@PathVariable String crawlId) {
		CrawlRecord crawl = this.crawls.find(crawlId)
			.orElseThrow(() -> new NoSuchElementException("no crawl with id " + crawlId));
		return CrawlStatus.of(List.of(crawl), this.outcomes).get(0);
	}

	/**
	 * Cancels a crawl; answers 202, since a running crawl stops after its current
	 * request.
	 */
	@DeleteMapping("/crawls/{crawlId}")
	ResponseEntity<CrawlStatus> cancel(@PathVariable String crawlId) {
		CrawlRecord crawl = this.crawls.cancel(crawlId)
			.orElseThrow(() -> new NoSuchElementException("no crawl with id " + crawlId));
		return ResponseEntity.accepted().body(CrawlStatus.of(List.of(crawl), this.outcomes).get(0));
	}

	@ExceptionHandler(NoSuchElementException.class)
	ProblemDetail notFound(NoSuchElementException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(SiteBusyException.class)
	ProblemDetail conflict(SiteBusyException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	/**
	 * A body that is not a profile says what is wrong with it: a field the profile does
	 * not have (unknown fields are refused, {@code crawler.yml}) by its name.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		String detail = "the body is not a site profile in JSON";
		if (ex.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
			detail = "a site profile has no field \"" + unknown.getPropertyName() + "\"; its fields are "
					+ unknown.getKnownPropertyIds();
		}
		else if (ex.getMostSpecificCause() instanceof JacksonException json) {
			detail += ": " + json.getOriginalMessage();
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * A profile with a value out of bounds says which fields and why: {@code id: must
	 * match "[a-z0-9][a-z0-9-]{0,63}"; maxConcurrency: must be less than or equal to 8}.
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException ex) {
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> error.getField() + ": " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the site profile is invalid: " + detail);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
