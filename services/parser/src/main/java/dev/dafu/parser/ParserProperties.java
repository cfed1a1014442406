package dev.dafu.parser;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPageSize pages larger than this are refused with a dead-letter reason instead
 * of parsed
 * @param repliesTopic where replies go, keyed by reply id
 * @param outcomesTopic where what became of a crawl's pages goes, keyed by URL
 */
@Validated
@ConfigurationProperties("dafu.parser")
public record ParserProperties(@NotNull DataSize maxPageSize, String repliesTopic, String outcomesTopic) {

	public ParserProperties {
		maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(10) : maxPageSize;
		repliesTopic = repliesTopic == null ? "replies.parsed" : repliesTopic;
		outcomesTopic = outcomesTopic == null ? "crawl.pages.outcomes" : outcomesTopic;
	}

}
