package dev.dafu.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PageCharsetTest {

	private static final String PAGE = "<html><body><p>周堃、吴喆代表：</p></body></html>";

	@Test
	void aUtf8PageWithAByteOrderMarkAndNoDeclarationReadsWithoutTheMark() {
		byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				PAGE.getBytes(StandardCharsets.UTF_8));

		assertThat(PageCharset.decode(bytes, "text/html")).isEqualTo(PAGE);
	}

	@Test
	void theByteOrderMarkWinsOverAWrongDeclaration() {
		byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				("<meta charset=\"gbk\">" + PAGE).getBytes(StandardCharsets.UTF_8));

		assertThat(PageCharset.decode(bytes, "text/html; charset=gbk")).endsWith(PAGE);
	}

	@Test
	void aPageDeclaredGb2312HoldingGbkCharactersReadsThemAll() {
		String page = "<meta charset=\"gb2312\">" + PAGE;

		assertThat(PageCharset.decode(page.getBytes(Charset.forName("GBK")), null)).isEqualTo(page);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
