package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dafu.testsupport.TestCorpus;

/** Files are told by their bytes first, whatever a site says they are. */
class FileKindTest {

	@ParameterizedTest
	@CsvSource({ "/upload/2024/06/20240619_0123.doc, application/octet-stream, x.bin, DOC",
			"/upload/2024/06/%E6%B0%91%E6%94%BF%E5%B1%80%E6%8F%90%E6%A1%88%E7%AD%94%E5%A4%8D.wps, , 民政局提案答复.wps, WPS",
			"/upload/2024/06/P020240614_0789.ofd, application/zip, a.zip, OFD",
			"/picture/0/2406281044.pdf, text/html, a.html, PDF", "/c1023/content.html, , content.html, HTML" })
	void byTheBytes(String path, String contentType, String fileName, FileKind kind) {
		assertThat(FileKind.of(TestCorpus.VARIED.page(path), contentType, fileName)).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource({ "application/ofd, a.bin, OFD", "application/kswps, a.bin, WPS", ", 答复.wps, WPS",
			"application/msword, a.bin, DOC", ", a.docx, DOCX", "text/plain, a.txt, UNKNOWN" })
	void byTypeAndNameWhenTheBytesDoNotTell(String contentType, String fileName, FileKind kind) {
		assertThat(FileKind.of("not a known magic".getBytes(StandardCharsets.US_ASCII), contentType, fileName))
			.isEqualTo(kind);
	}

}
