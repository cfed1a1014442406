package dev.dafu.search;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPageSize the largest {@code size} a caller may ask for
 * @param maxResultWindow how deep paging may go ({@code page × size}); Elasticsearch
 * refuses past 10 000
 * @param maxQueryLength the longest query text accepted, in characters
 * @param maxFacetSize the most values a facet may list ({@code facetSize})
 * @param maxStreams the most live streams ({@code /api/replies/stream}) open at once
 * @param streamHeartbeat how long a live stream may stay silent before a heartbeat
 * @param streamTimeout how long a live stream stays open; the client then reconnects
 * @param streamBuffer how many of the latest events are kept for clients that resume
 * @param eventsTopic the topic replies are announced on
 * @param maxExports how many exports may run at once
 * @param maxExportRows the most replies one export holds
 */
@Validated
@ConfigurationProperties("dafu.search")
public record SearchProperties(@Min(1) @Max(1000) Integer maxPageSize, @Min(1) @Max(10000) Integer maxResultWindow,
		@Min(1) Integer maxQueryLength, @Min(1) @Max(1000) Integer maxFacetSize, @Min(1) Integer maxStreams,
		Duration streamHeartbeat, Duration streamTimeout, @Min(1) Integer streamBuffer, String eventsTopic,
		@Min(1) Integer maxExports, @Min(1) Integer maxExportRows) {

	public SearchProperties {
		maxPageSize = maxPageSize == null ? 100 : maxPageSize;
		maxResultWindow = maxResultWindow == null ? 10000 : maxResultWindow;
		maxQueryLength = maxQueryLength == null ? 200 : maxQueryLength;
		maxFacetSize = maxFacetSize == null ? 100 : maxFacetSize;
		maxStreams = maxStreams == null ? 200 : maxStreams;
		streamHeartbeat = streamHeartbeat == null ? Duration.ofSeconds(15) : streamHeartbeat;
		streamTimeout = streamTimeout == null ? Duration.ofMinutes(30) : streamTimeout;
		streamBuffer = streamBuffer == null ? 10_000 : streamBuffer;
		eventsTopic = eventsTopic == null ? "replies.published" : eventsTopic;
		maxExports = maxExports == null ? 2 : maxExports;
		maxExportRows = maxExportRows == null ? 100_000 : maxExportRows;
	}

}
