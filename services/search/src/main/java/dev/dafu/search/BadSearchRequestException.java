package dev.dafu.search;

/**
 * What a caller asked for cannot be searched: a parameter out of its values, a cursor or
 * event id the API never gave. Answered as 400 with the message as the problem's detail.
 */
public class BadSearchRequestException extends RuntimeException {

	public BadSearchRequestException(String message) {
		super(message);
	}

}
