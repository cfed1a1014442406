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

	/*
	 * A sentence is a subject, an action and an object drawn at random, then a figure: 12
	 * × 14 × 16 × 1 000 sentences, so that two replies share few of their 18 and are
	 * different texts, as real replies are (not near-duplicates of each other).
	 */
	private static final List<String> SUBJECTS = List.of("我委", "市发展改革委", "市财政局", "各区政府", "有关部门", "本市", "市科委会同市经济信息化委",
			"相关高校和科研院所", "龙头企业", "长三角各方", "市人力资源社会保障局", "市场监管部门");

	private static final List<String> ACTIONS = List.of("持续加大", "进一步完善", "积极推进", "统筹协调", "加快实施", "深入研究", "联合开展", "认真落实",
			"不断优化", "重点支持", "稳步扩大", "系统谋划", "着力强化", "探索建立");

	private static final List<String> OBJECTS = List.of("集成电路产业的基础研究投入", "生物医药领域的临床试验平台", "人工智能算力基础设施建设",
			"探索者计划的企业出题机制", "揭榜挂帅的项目遴选流程", "青年科技人才的住房保障", "科技型中小企业的信贷支持", "科技成果在沪转化落地", "长三角科技创新共同体建设", "重大科技基础设施的开放共享",
			"高新技术企业的认定服务", "新型研发机构的管理办法", "知识产权保护和运用", "政策宣传解读和兑现服务", "基础研究先行区建设", "产学研协同攻关机制");

	private static final List<String> FIGURES = List.of("，累计投入资金%d亿元。", "，惠及企业%d家。", "，同比增长%d.5%%。", "，新增项目%d个。",
			"，服务人次超过%d万。");

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
				page.append(SUBJECTS.get(random.nextInt(SUBJECTS.size())))
					.append(ACTIONS.get(random.nextInt(ACTIONS.size())))
					.append(OBJECTS.get(random.nextInt(OBJECTS.size())))
					.append(FIGURES.get(random.nextInt(FIGURES.size())).formatted(1 + random.nextInt(1000)));
			}
			page.append("</p>");
		}
		return page.append("<p>感谢您对本市科技创新工作的关心和支持。</p><p>")
			.append(issuer)
			.append("</p><p>2024年7月1日</p><p>联系人：王五，联系电话：021-23456789</p></div></body></html>")
			.toString();
	}

}
