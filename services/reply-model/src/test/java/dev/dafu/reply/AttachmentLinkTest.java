package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachmentLinkTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/upload/2024/06/%E7%AD%94%E5%A4%8D%E7%AC%AC0312%E5%8F%B7.docx|附件1|答复第0312号.docx",
					"/module/download/downfile.jsp?classid=0&filename=2406251002.pdf|点击下载|2406251002.pdf",
					"/download?id=3|关于第0123号提案的答复.doc|关于第0123号提案的答复.doc", "/files/a.OFD|下载|a.OFD",
					"/u/民政局提案答复.wps|民政局提案答复|民政局提案答复.wps",
					"/servlet/Down?path=%2Fdata%2F2024%2Freply.pdf|下载|reply.pdf" })
	void aLinkToADocumentNamesItsFile(String url, String text, String fileName) {
		assertThat(AttachmentLink.fileName(url, text)).contains(fileName);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/jytabl/202406/t20240621_1001.html|对第0312号代表建议的答复", "/images/logo.png|首页",
			"/download?id=3|点击下载", "/a.xls|统计表.xls", "/pdf/index.html|PDF 专栏" })
	void anyOtherLinkIsNone(String url, String text) {
		assertThat(AttachmentLink.fileName(url, text)).isEmpty();
	}

}
