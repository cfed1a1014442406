package dev.dafu.reply;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the parser made of one page a crawl sent, on {@code crawl.pages.outcomes}, so the
 * crawl's record can tell the operator how many of its pages became replies, how many
 * were not replies, and which failed and why.
 *
 * @param url the page's canonical URL (the record's key)
 * @param site the site profile that led to it
 * @param crawlId the crawl that sent it
 * @param result what it came to
 * @param replyIds the ids of the replies read from it (several for a file holding
 * several); empty unless {@code result} is {@link Result#REPLIES}
 * @param reason why it was dead-lettered, or why it holds no reply; null for replies
 * @param extractorVersion the parser version that read it
 * @param parsedAt when it was read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageOutcome(String url, String site, String crawlId, Result result, List<String> replyIds, String reason,
		String extractorVersion, Instant parsedAt) {

	public PageOutcome {
		replyIds = replyIds == null ? List.of() : List.copyOf(replyIds);
	}

	public enum Result {

		/** One or more replies, on their way to search. */
		REPLIES,

		/** A page that holds no reply: a news item, a notice, a list. */
		NOT_A_REPLY,

		/**
		 * A page that looks like a reply but cannot be read: on the dead-letter topic.
		 */
		DEAD_LETTERED

	}

}
