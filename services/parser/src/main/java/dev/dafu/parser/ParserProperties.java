package dev.dafu.parser;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPageSize pages larger than this are refused with a dead-letter reason instead
 * of parsed
 */
@Validated
@ConfigurationProperties("dafu.parser")
public record ParserProperties(@NotNull DataSize maxPageSize) {

	public ParserProperties {
		maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(10) : maxPageSize;
	}

}
