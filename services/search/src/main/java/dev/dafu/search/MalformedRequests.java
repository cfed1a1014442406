package dev.dafu.search;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A search the caller asked wrongly ({@link BadSearchRequestException}), or a query
 * string the server cannot decode (a malformed percent-encoding, {@code %zz}), is the
 * caller's mistake: it answers 400 with problem details, instead of a stack trace at
 * ERROR for every such anonymous request.
 */
@RestControllerAdvice
class MalformedRequests {

	@ExceptionHandler(BadSearchRequestException.class)
	ProblemDetail badSearch(BadSearchRequestException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail undecodable(InvalidParameterException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the query string cannot be decoded: percent-encode it as UTF-8");
	}

}
