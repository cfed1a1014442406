package dev.dafu.search;

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
 */
@Validated
@ConfigurationProperties("dafu.search")
public record SearchProperties(@Min(1) @Max(1000) Integer maxPageSize, @Min(1) @Max(10000) Integer maxResultWindow,
		@Min(1) Integer maxQueryLength, @Min(1) @Max(1000) Integer maxFacetSize) {

	public SearchProperties {
		maxPageSize = maxPageSize == null ? 100 : maxPageSize;
		maxResultWindow = maxResultWindow == null ? 10000 : maxResultWindow;
		maxQueryLength = maxQueryLength == null ? 200 : maxQueryLength;
		maxFacetSize = maxFacetSize == null ? 100 : maxFacetSize;
	}

}
