package dev.dafu.crawler.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://a.gov.cn/list.jsp?page=2                 | http://a.gov.cn/list.jsp                  | true
			http://a.gov.cn/list.jsp?page=3                 | http://a.gov.cn/list.jsp?page=2           | true
			http://a.gov.cn/col/index.jsp?channel=5&pageNo=3 | http://a.gov.cn/col/index.jsp?channel=5   | true
			http://a.gov.cn/list.jsp?PageIndex=2&type=jy    | http://a.gov.cn/list.jsp?type=jy          | true
			http://a.gov.cn/list.jsp                        | http://a.gov.cn/list.jsp                  | false
			http://a.gov.cn/index.php?a=show&id=5           | http://a.gov.cn/index.php?a=lists&page=2  | false
			http://a.gov.cn/list.jsp?channel=6&page=2       | http://a.gov.cn/list.jsp?channel=5        | false
			http://a.gov.cn/list.jsp?page=next              | http://a.gov.cn/list.jsp                  | false
			http://b.gov.cn/list.jsp?page=2                 | http://a.gov.cn/list.jsp                  | false
			http://a.gov.cn/detail.jsp?page=2               | http://a.gov.cn/list.jsp                  | false
			""")
	void anotherPageOfAListingDiffersOnlyInTheNumberOfItsPage(String link, String listing, boolean page) {
		assertThat(Urls.isPageOf(URI.create(link), URI.create(listing))).isEqualTo(page);
	}

}
