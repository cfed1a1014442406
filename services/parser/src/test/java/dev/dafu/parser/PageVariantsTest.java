package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.PagePart;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Section;

/** Layouts and encodings real sites use beyond the public corpus's two templates. */
class PageVariantsTest {

	private static final String BR_SEPARATED = """
			<html><head><title>答复</title></head><body><div id="zoom"><p>
			办理结果: B<br>公开属性: 主动公开・摘要<br>国家林业和草原局<br>林建复[2023]第12号<br>
			关于十四届全国人大一次会议第BH035号建议的答复<br>张三等5位代表：<br>
			你们提出的关于加强湿地保护的建议收悉。现答复如下：<br>一、总体情况<br>湿地保护面积持续扩大。<br>
			二、下一步工作<br>继续推进湿地保护修复。<br>感谢你们对林草工作的关心。<br>国家林业和草原局<br>二〇二三年六月三十日<br>
			联系人：王五　联系电话：（010）84238000<br>抄送：国务院办公厅、全国人大常委会办公厅联络局。</p>
			<p>（此件公开发布）</p></div></body></html>
			""";

	/**
	 * A catalogue of spans above the article, labels spaced out, no table; a title that
	 * opens with the issuer; a graded result with what the grade means.
	 */
	private static final String CATALOGUE_OF_SPANS = """
			<html><head><meta charset="utf-8"><title>答复的函 - 广州市交通运输局</title></head><body>
			<div class="detail"><h2>广州市交通运输局关于广州市十六届人大四次会议第20240123号代表建议答复的函</h2>
			<div class="classify"><span>索 引 号：</span>11440100MB2C0000X/2024-0012<span>分　　类：</span>建议提案<br>
			<span>发布机构：</span>广州市交通运输局<span>成文日期：</span>2024-05-08<br>
			<span>文　　号：</span>穗交运函〔2024〕356号<span>发布日期：</span>2024-05-10</div>
			<div class="share"><span>分享到：</span></div><div class="tools"><a href="#">微信</a></div>
			<div class="article"><p>办理结果：B（正在解决或已列入计划解决）</p><p>张伟、李娜等12位代表：</p>
			<p>你们提出的关于优化地铁接驳公交线路的建议（第20240123号）收悉。现将办理情况答复如下：</p>
			<p>截至2023年底，全市共开通地铁接驳公交线路386条。</p><p>感谢你们对交通工作的关心和支持。</p>
			<p>广州市交通运输局</p><p>2024年5月8日</p><p>（联系人：刘洋，电话：020-83261234）</p></div></div></body></html>
			""";

	private final ReplyParser parser = new ReplyParser(1024 * 1024);

	@Test
	void readsACatalogueOfLabelledSpansATitleOpeningWithItsIssuerAndAGradeWithItsMeaning() {
		Reply reply = parse(CATALOGUE_OF_SPANS.getBytes(StandardCharsets.UTF_8), "text/html");

		assertThat(reply.metadata()).containsEntry("索引号", "11440100MB2C0000X/2024-0012")
			.containsEntry("分类", "建议提案")
			.containsEntry("发布机构", "广州市交通运输局")
			.doesNotContainKey("分享到");
		assertThat(reply.documentNumber()).isEqualTo("穗交运函〔2024〕356号");
		assertThat(reply.publishDate()).isEqualTo(LocalDate.of(2024, 5, 10));
		assertThat(reply.submission().session()).isEqualTo("广州市十六届人大四次会议");
		assertThat(reply.submission().number()).isEqualTo("20240123");
		assertThat(reply.handlingResult().category()).isEqualTo(HandlingResult.Category.IN_PROGRESS);
		assertThat(reply.contact().phone()).isEqualTo("020-83261234");
	}

	@Test
	void readsARepliesPrintedAsBrSeparatedLinesWithAsciiColonsAndSquareBrackets() {
		Reply reply = parse(BR_SEPARATED.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.title()).isEqualTo("关于十四届全国人大一次会议第BH035号建议的答复");
		assertThat(reply.documentNumber()).isEqualTo("林建复[2023]第12号");
		assertThat(reply.issuer()).isEqualTo("国家林业和草原局");
		assertThat(reply.handlingResult()).isEqualTo(new HandlingResult("B", HandlingResult.Category.IN_PROGRESS));
		assertThat(reply.disclosure()).isEqualTo("主动公开・摘要");
		assertThat(reply.submission().number()).isEqualTo("BH035");
		assertThat(reply.submission().proposers()).containsExactly("张三");
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2023, 6, 30));
		assertThat(reply.contact().name()).isEqualTo("王五");
		assertThat(reply.contact().phone()).isEqualTo("（010）84238000");
		assertThat(reply.cc()).containsExactly("国务院办公厅", "全国人大常委会办公厅联络局");
		assertThat(reply.sections()).extracting(section -> section.heading()).containsExactly("一、总体情况", "二、下一步工作");
		assertThat(reply.sections().get(1).text()).isEqualTo("继续推进湿地保护修复。");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "答复类别：A类|公开形式：依申请公开", "办理类型：A|公开类型：依申请公开" })
	void readsTheResultAndDisclosureUnderTheirOtherLabels(String result, String disclosure) {
		String lines = BR_SEPARATED.replace("办理结果: B", result).replace("公开属性: 主动公开・摘要", disclosure);
		String catalogue = BR_SEPARATED.replace("办理结果: B<br>公开属性: 主动公开・摘要<br>", "")
			.replace("<div id=\"zoom\">", "<table><tr><td>" + result.replace("：", "：</td><td>") + "</td><td>"
					+ disclosure.replace("：", "：</td><td>") + "</td></tr></table><div id=\"zoom\">");

		for (String page : List.of(lines, catalogue)) {
			Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

			assertThat(reply.handlingResult().category()).isEqualTo(HandlingResult.Category.RESOLVED);
			assertThat(reply.disclosure()).isEqualTo("依申请公开");
			assertThat(reply.body()).doesNotContain("依申请公开");
		}
	}

	@ParameterizedTest
	@CsvSource({ "关于十四届全国人大一次会议<br>第BH035号建议的答复", "关于十四届全国人大一次会议第BH035号建议<br>的答复",
			"人大代表建议答复<br>关于十四届全国人大一次会议第BH035号建议的答复" })
	void readsATitlePrintedOverTwoLinesAndNoLineBeforeAWholeOne(String printed) {
		String page = BR_SEPARATED.replace("关于十四届全国人大一次会议第BH035号建议的答复", printed);

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.title()).isEqualTo("关于十四届全国人大一次会议第BH035号建议的答复");
		assertThat(reply.submission().session()).isEqualTo("十四届全国人大一次会议");
		assertThat(reply.submission().proposers()).containsExactly("张三");
	}

	@Test
	void readsABoldHeadingRunningIntoItsTextAfterAnIndentingSpan() {
		String page = BR_SEPARATED.replace("一、总体情况<br>湿地保护面积持续扩大。<br>",
				"</p><p><span style=\"mso-spacerun:yes\">　　</span><b><span>一、总体情况</span></b>湿地保护面积持续扩大。</p><p>");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.sections()).extracting(Section::heading).contains("一、总体情况");
		assertThat(reply.sections()).filteredOn(section -> "一、总体情况".equals(section.heading()))
			.extracting(Section::text)
			.containsExactly("湿地保护面积持续扩大。");
	}

	@Test
	void readsBoldHeadingsRunningIntoTheirTextOnLinesABrBreaks() {
		String page = BR_SEPARATED.replace("一、总体情况<br>湿地保护面积持续扩大。<br>\n二、下一步工作<br>继续推进湿地保护修复。<br>",
				"<b>一、总体情况</b>湿地保护面积持续扩大。<br>\n<b>二、下一步工作</b>继续推进湿地保护修复。<br>");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.sections()).extracting(Section::heading).containsExactly("一、总体情况", "二、下一步工作");
		assertThat(reply.sections()).extracting(Section::text).containsExactly("湿地保护面积持续扩大。", "继续推进湿地保护修复。");
	}

	@Test
	void readsAGradeInBracketsOnALineOfItsOwnAsTheResult() {
		String page = BR_SEPARATED.replace("办理结果: B<br>", "（B类）<br>");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.handlingResult()).isEqualTo(new HandlingResult("B类", HandlingResult.Category.IN_PROGRESS));
		assertThat(reply.body()).doesNotContain("（B类）");
	}

	@ParameterizedTest
	@CsvSource({ "感谢你们对林草工作的关心。<br>", "二〇二三年六月三十日<br>" })
	void readsAResultPrintedAtTheEndOfTheLetter(String after) {
		String page = BR_SEPARATED.replace("办理结果: B<br>", "").replace(after, after + "办理结果：A类（所提问题已经解决或基本解决）<br>");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.handlingResult())
			.isEqualTo(new HandlingResult("A类（所提问题已经解决或基本解决）", HandlingResult.Category.RESOLVED));
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2023, 6, 30));
	}

	@Test
	void readsFullWidthFiguresAsPrintedInWordDocuments() {
		String page = BR_SEPARATED.replace("林建复[2023]第12号", "林建复[２０２３]第１２号")
			.replace("二〇二三年六月三十日", "２０２３年６月３０日")
			.replace("（010）84238000", "０１０－８４２３８０００");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.documentNumber()).isEqualTo("林建复[２０２３]第１２号");
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2023, 6, 30));
		assertThat(reply.contact().phone()).isEqualTo("０１０－８４２３８０００");
	}

	@Test
	void readsASalutationPrintedAtTheStartOfTheOpening() {
		String page = BR_SEPARATED.replace("张三等5位代表：<br>", "张三等5位代表：");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.submission().proposers()).containsExactly("张三");
		assertThat(reply.submission().subject()).isEqualTo("关于加强湿地保护的建议");
	}

	@Test
	void readsACarbonCopyListGoingOnOnTheNextLine() {
		String page = BR_SEPARATED.replace("抄送：国务院办公厅、全国人大常委会办公厅联络局。", "抄送：国务院办公厅、<br>全国人大常委会办公厅联络局。");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.cc()).containsExactly("国务院办公厅", "全国人大常委会办公厅联络局");
	}

	@Test
	void readsADocumentNumberWithItsSignerPrintedAfterIt() {
		String page = BR_SEPARATED.replace("林建复[2023]第12号", "林建复[2023]第12号　　签发人：刘东生");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.documentNumber()).isEqualTo("林建复[2023]第12号");
		assertThat(reply.issuer()).isEqualTo("国家林业和草原局");
		assertThat(reply.body()).doesNotContain("签发人");
	}

	@Test
	void readsLabelsPrintedWithTheirLettersSpacedOut() {
		String page = BR_SEPARATED.replace("办理结果: B", "办 理 结 果：B")
			.replace("公开属性: ", "公　开　属　性　：")
			.replace("联系人：王五　联系电话：", "联 系 人：王五　联系电话 ：")
			.replace("抄送：", "抄　　送：");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.handlingResult()).isEqualTo(new HandlingResult("B", HandlingResult.Category.IN_PROGRESS));
		assertThat(reply.disclosure()).isEqualTo("主动公开・摘要");
		assertThat(reply.contact().name()).isEqualTo("王五");
		assertThat(reply.contact().phone()).isEqualTo("（010）84238000");
		assertThat(reply.cc()).containsExactly("国务院办公厅", "全国人大常委会办公厅联络局");
		assertThat(reply.body()).doesNotContain("办 理 结 果");
	}

	@Test
	void readsAReplyPrintedAsTextWithBrInADivWithoutParagraphs() {
		String page = BR_SEPARATED
			.replace("<div id=\"zoom\"><p>", "<div class=\"nav\"><a href=\"/\">首页</a></div><div id=\"zoom\">")
			.replace("</p>\n<p>（此件公开发布）</p>", "<br><span>（此件公开发布）</span>");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.issuer()).isEqualTo("国家林业和草原局");
		assertThat(reply.cc()).containsExactly("国务院办公厅", "全国人大常委会办公厅联络局");
		assertThat(reply.body()).endsWith("（此件公开发布）").doesNotContain("首页");
	}

	@Test
	void readsAReplyPrintedOverSeveralPagesAsOne() {
		String first = """
				<html><body><div class="content"><p>办理结果：解决采纳</p><p>国家林业和草原局</p><p>林建复〔2023〕第12号</p>
				<p>关于十四届全国人大一次会议第1号建议的答复</p><p>张三代表：</p><p>您提出的建议收悉。现答复如下：</p>
				<p>一、总体情况</p><p>湿地保护面积持续扩大。</p><p>上一页 1 2 下一页</p></div></body></html>
				""";
		String second = """
				<html><body><div class="content"><p>二、下一步工作</p><p>继续推进湿地保护修复。</p><p>国家林业和草原局</p>
				<p>2023年6月30日</p><p>联系人：王五</p><p>上一页 1 2</p></div></body></html>
				""";
		CrawledPage page = new CrawledPage("http://demo.test/t1.html", "demo", Instant.now(), 200, "text/html",
				first.getBytes(StandardCharsets.UTF_8), List.of(new PagePart("http://demo.test/t1_1.html",
						"text/html; charset=utf-8", second.getBytes(StandardCharsets.UTF_8))),
				List.of(), null);

		Reply reply = this.parser.parse(page).get(0);

		assertThat(reply.partUrls()).containsExactly("http://demo.test/t1_1.html");
		assertThat(reply.sections()).extracting(section -> section.heading()).containsExactly("一、总体情况", "二、下一步工作");
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2023, 6, 30));
		assertThat(reply.contact().name()).isEqualTo("王五");
		assertThat(reply.body()).doesNotContain("下一页");
	}

	@ParameterizedTest
	@CsvSource({ "GB18030, text/html", "GBK, text/html", "GB2312, text/html", "GBK, ", "UTF-8, text/html" })
	void readsChineseEncodingsNamedNowhereButInTheBytes(String charset, String contentType) {
		String page = BR_SEPARATED.replace("<html><head>", "<html><head><!-- no charset here -->");

		Reply reply = parse(page.getBytes(Charset.forName(charset)), contentType);

		assertThat(reply.issuer()).isEqualTo("国家林业和草原局");
		assertThat(reply.title()).isEqualTo("关于十四届全国人大一次会议第BH035号建议的答复");
	}

	@Test
	void trustsACharsetDeclaredInTheHeaderOverTheMetaTag() {
		String page = BR_SEPARATED.replace("<head>", "<head><meta charset=\"utf-8\">");

		Reply reply = parse(page.getBytes(Charset.forName("GB18030")), "text/html; charset=GBK");

		assertThat(reply.issuer()).isEqualTo("国家林业和草原局");
	}

	@Test
	void readsAGbkPageThatDeclaresGb2312ButUsesCharactersOutsideIt() {
		String page = BR_SEPARATED
			.replace("<head>", "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">")
			.replace("王五", "王堃");

		Reply reply = parse(page.getBytes(Charset.forName("GB18030")), "text/html");

		assertThat(reply.contact().name()).isEqualTo("王堃");
	}

	/**
	 * A proposal answered to two members, the lead one noted; a centred bold title; a
	 * signature dated in figures.
	 */
	private static final String TRS_EDITOR = """
			<html><head><meta charset="utf-8"><title>答复 - 深圳市教育局</title></head><body>
			<div class="TRS_Editor"><p align="center"><strong>%s</strong></p>
			<p>王五委员（领衔）、赵六委员：</p>
			<p>　　你们提出的《关于推进职业教育产教融合的提案》收悉。现答复如下：</p>
			<p>　　2023年，全市职业院校与企业共建产业学院32个。</p>
			<p>　　深圳市教育局</p><p>　　2024-06-12</p></div></body></html>
			""";

	@Test
	void readsASignatureDatedInFiguresAndProposersWithNotesAfterTheirNames() {
		Reply reply = parse(TRS_EDITOR.formatted("关于市政协十四届二次会议第0256号提案的答复").getBytes(StandardCharsets.UTF_8),
				"text/html");

		assertThat(reply.issuer()).isEqualTo("深圳市教育局");
		assertThat(reply.replyDate()).isEqualTo(LocalDate.of(2024, 6, 12));
		assertThat(reply.submission().proposers()).containsExactly("王五", "赵六");
		assertThat(reply.handlingResult()).isNull();
	}

	@Test
	void readsATitleWithItsGradeAfterItAndTheGradeAsTheResult() {
		String title = "关于市政协十四届二次会议第0256号提案的答复（A类）";

		Reply reply = parse(TRS_EDITOR.formatted(title).getBytes(StandardCharsets.UTF_8), "text/html");

		assertThat(reply.title()).isEqualTo(title);
		assertThat(reply.submission().number()).isEqualTo("0256");
		assertThat(reply.handlingResult()).isEqualTo(new HandlingResult("A类", HandlingResult.Category.RESOLVED));
	}

	@ParameterizedTest
	@CsvSource({ "二〇二四年六月二十一日, 2024-06-21", "2024年6月21日, 2024-06-21", "二○二三年十二月三十一日, 2023-12-31",
			"二〇二四年十月十日, 2024-10-10", "2024 年 1 月 5 日, 2024-01-05", "2024-06-12, 2024-06-12", "2024.6.1, 2024-06-01",
			"2024/06/12, 2024-06-12" })
	void readsSignatureDatesInArabicAndChineseNumerals(String printed, LocalDate date) {
		assertThat(ChineseDate.parseWhole(printed)).contains(date);
	}

	@ParameterizedTest
	@CsvSource({ "二〇二四年二月三十日", "2024-02-30", "2024-06.12", "2024-06-12 10:30", "12-06-2024" })
	void aDateThatDoesNotExistOrIsNotAloneIsNotADate(String printed) {
		assertThat(ChineseDate.parseWhole(printed)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					# how the page names it                                   | title                                              | subject
					你们提出的关于加强湿地保护的建议收悉。                        | 关于十四届全国人大一次会议第BH035号建议的答复          | 关于加强湿地保护的建议
					你们提出的《加快湿地保护立法》收悉。                          | 关于十四届全国人大一次会议第BH035号建议的答复          | 加快湿地保护立法
					你们在会议期间提出的“关于加强湿地保护的建议”收悉。            | 关于十四届全国人大一次会议第BH035号建议的答复          | 关于加强湿地保护的建议
					您提出的《关于推进山区学校“小而美”建设的提案》收悉。        | 关于十四届全国人大一次会议第BH035号建议的答复          | 关于推进山区学校“小而美”建设的提案
					你们提出的“关于推广《湿地保护法》的建议”收悉。              | 关于十四届全国人大一次会议第BH035号建议的答复          | 关于推广《湿地保护法》的建议
					你们的建议收悉。                                              | 关于加强湿地保护的建议的答复                          | 关于加强湿地保护的建议
					你们的建议收悉。                                              | 对《关于加强湿地保护的建议》的答复                    | 关于加强湿地保护的建议
					你们的建议收悉。                                              | 关于十四届全国人大一次会议第BH035号建议的答复          |
					""")
	void readsTheSubmissionsOwnTitleFromTheOpeningOrTheReplysTitle(String opening, String title, String subject) {
		String page = BR_SEPARATED.replace("你们提出的关于加强湿地保护的建议收悉。", opening).replace("关于十四届全国人大一次会议第BH035号建议的答复", title);

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.submission().subject()).isEqualTo(subject);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# title                                                                 | session
			对市十六届人大二次会议 第0671号代表建议的答复                               | 市十六届人大二次会议
			关于对市十六届人大二次会议第0123号代表建议的答复                           | 市十六届人大二次会议
			市教委关于对市十六届人大二次会议第0123号代表建议的答复                     | 市十六届人大二次会议
			市教委对市十六届人大二次会议第0123号代表建议的答复意见                       | 市十六届人大二次会议
			国家林业和草原局关于十四届全国人大一次会议第BH035号建议的答复              | 十四届全国人大一次会议
			关于政协广州市第十四届委员会第三次会议第3001号提案答复的函                   | 政协广州市第十四届委员会第三次会议
			""")
	void readsTheSessionATitleNamesWhateverStandsBeforeIt(String title, String session) {
		String page = BR_SEPARATED.replace("关于十四届全国人大一次会议第BH035号建议的答复", title);

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.submission().session()).isEqualTo(session);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# title                                                                   | a reply's title
			对市十六届人大二次会议第0123号代表建议答复                                    | true
			关于市政协十四届二次会议第0256号提案办理情况的答复                            | true
			关于对市十六届人大二次会议第0123号建议办理情况的函                            | true
			对十四届全国人大二次会议第5841号建议的答复（摘要）                            | true
			市教委对市十六届人大二次会议第0123号代表建议的答复意见                        | true
			人大代表建议答复                                                              | false
			建议提案答复                                                                  | false
			关于征求对《条例》修改建议的函                                                | false
			2023年建议提案办理情况                                                        | false
			""")
	void tellsRepliesTitlesFromHeadingsAndOtherLetters(String line, boolean title) {
		assertThat(ReplyExtractor.isReplyTitle(line)).isEqualTo(title);
	}

	@ParameterizedTest
	@CsvSource({ "建议编号, 20240056, 20240056", "提案号, 第0256号, 0256", "案号, 无, " })
	void readsTheSubmissionsNumberFromACatalogueWhenTheTitleHasNone(String label, String value, String number) {
		String page = BR_SEPARATED.replace("关于十四届全国人大一次会议第BH035号建议的答复", "关于加强湿地保护的建议的答复")
			.replace("<div id=\"zoom\">",
					"<table><tr><td>" + label + "</td><td>" + value + "</td></tr></table><div id=\"zoom\">");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.submission().number()).isEqualTo(number);
	}

	@Test
	void readsTheSubmissionsOwnTitleFromAMetadataRowThatNamesIt() {
		String page = BR_SEPARATED.replace("<div id=\"zoom\">",
				"<table><tr><td>案由</td><td>关于完善湿地生态补偿的建议</td></tr></table><div id=\"zoom\">");

		Reply reply = parse(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

		assertThat(reply.submission().subject()).isEqualTo("关于完善湿地生态补偿的建议");
	}

	private Reply parse(byte[] content, String contentType) {
		List<Reply> replies = this.parser
			.parse(new CrawledPage("http://demo.test/r.html", "demo", Instant.now(), 200, contentType, content));
		assertThat(replies).hasSize(1);
		return replies.get(0);
	}

}
