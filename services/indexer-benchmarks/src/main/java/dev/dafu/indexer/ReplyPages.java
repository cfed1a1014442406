package dev.dafu.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import dev.dafu.reply.CrawledPage;

/**
 * Generated reply pages in the layout of a city committee's site: 办理结果 and 公开属性, issuer,
 * document number and title, a salutation, three numbered sections of sentences drawn at
 * random, the signature and a contact line; about 4 KB each, every one a distinct reply.
 */
final class ReplyPages {

	private static final List<String> ISSUERS = List.of("上海市科学技术委员会", "上海市经济和信息化委员会", "上海市教育委员会", "上海市卫生健康委员会",
			"上海市交通委员会", "上海市生态环境局");

	private static final List<String> HEADINGS = List.of("关于推进科技创新平台建设", "关于完善人才引进与培养机制", "关于加大财政资金支持力度",
			"关于优化营商环境和审批流程", "关于加强部门协同和政策衔接", "关于下一步工作打算");

	private static final List<String> SENTENCES = List.of("我委高度重视您提出的建议，会同市发展改革委、市财政局等部门认真研究。",
			"近年来，本市围绕集成电路、生物医药、人工智能三大先导产业，持续加大基础研究投入。", "2023年全市研发经费投入达到2049.6亿元，占地区生产总值的4.4%左右。",
			"我们将继续实施探索者计划，支持企业与高校、科研院所联合开展关键核心技术攻关。", "在人才方面，本市出台了一系列政策措施，为青年科技人才提供住房、落户等保障。",
			"下一步，我委将进一步完善揭榜挂帅机制，推动更多科技成果在沪转化落地。", "同时，加强与长三角地区的协同联动，共同打造具有全球影响力的科技创新高地。",
			"针对您提到的中小企业融资难问题，我们联合金融机构推出了科技信贷产品。", "目前已累计为1200余家科技型中小企业提供贷款支持，金额超过350亿元。",
			"我们还将加强政策宣传解读，让更多企业了解和享受各项扶持政策。");

	private ReplyPages() {
	}

	/** The {@code n}th page as the crawler puts it on {@code crawl.pages}. */
	static CrawledPage crawledPage(int n, Random random) {
		return new CrawledPage("http://load.example.gov.cn/jytabl/t20240701_" + n + ".html", "load", Instant.now(), 200,
				"text/html; charset=utf-8", page(n, random).getBytes(StandardCharsets.UTF_8));
	}

	static String page(int n, Random random) {
		String issuer = ISSUERS.get(n % ISSUERS.size());
		String number = "沪" + issuer.substring(3, 5) + "建复〔2024〕" + n + "号";
		String title = "对市十六届人大二次会议第" + n + "号代表建议的答复";
		StringBuilder page = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>").append(title)
			.append("</title></head><body><div class=\"article\">")
			.append("<p>办理结果：A类</p><p>公开属性：主动公开</p>")
			.append("<p>")
			.append(issuer)
			.append("</p><p>")
			.append(number)
			.append("</p><p>")
			.append(title)
			.append("</p><p>张")
			.append(n % 97)
			.append("代表：</p><p>您提出的《关于加快建设具有全球影响力的科技创新中心的建议》收悉。经研究，现答复如下：</p>");
		String[] numerals = { "一", "二", "三" };
		for (String numeral : numerals) {
			page.append("<p>")
				.append(numeral)
				.append("、")
				.append(HEADINGS.get(random.nextInt(HEADINGS.size())))
				.append("</p><p>");
			for (int s = 0; s < 6; s++) {
				page.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
			}
			page.append("</p>");
		}
		return page.append("<p>感谢您对本市科技创新工作的关心和支持。</p><p>")
			.append(issuer)
			.append("</p><p>2024年7月1日</p><p>联系人：王五，联系电话：021-23456789</p></div></body></html>")
			.toString();
	}

}
