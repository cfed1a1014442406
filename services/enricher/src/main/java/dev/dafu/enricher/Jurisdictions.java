package dev.dafu.enricher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dafu.reply.Enrichment.Level;
import dev.dafu.reply.Reply;

/**
 * The level of government and the region of a reply's issuing unit, by one rule:
 * <ol>
 * <li>the places its name begins with: a province or autonomous region (河南省…: PROVINCE),
 * then perhaps a city, prefecture or league (河南省郑州市…: CITY), then perhaps a district or
 * county (…金水区…: DISTRICT); a name beginning with a city (上海市…, 郑州市…) is CITY, or
 * DISTRICT when a district or county follows (上海市浦东新区…). The region is the first place
 * (河南省, 上海市);</li>
 * <li>else how its name begins: 国家, 国务院, 中华人民共和国, 中国, 全国 (NATIONAL, region 全国); 省, 市, 区
 * or 县 (a unit naming itself by its level alone: 市科委);</li>
 * <li>else the session it answers: 全国 in it is NATIONAL, region 全国; one beginning with 省,
 * 市, 区 or 县 that level;</li>
 * <li>else a name ending in 部 (财政部) is a ministry: NATIONAL; otherwise nothing.</li>
 * </ol>
 * A place is two to six Chinese characters before its suffix, without the characters of a
 * unit's name (和, 局, 委 …), so 河南省住房和城市建设厅 names no city.
 */
final class Jurisdictions {

	private static final Pattern PROVINCE = Pattern.compile("^(\\p{IsHan}{2,6}?(?:省|自治区|特别行政区))");

	private static final Pattern CITY = Pattern.compile("^(\\p{IsHan}{2,6}?(?:市|自治州|州|盟|地区))");

	private static final Pattern DISTRICT = Pattern.compile("^(\\p{IsHan}{1,6}?(?:自治县|区|县|旗))");

	/** Characters of units and of words such as 社区 and 园区, never of a place's name. */
	private static final Pattern NOT_A_PLACE = Pattern.compile("[和与及局厅委办部会院社园署所司处]");

	private static final Pattern NATIONAL_NAME = Pattern.compile("^(国家|国务院|中华人民共和国|中国|全国)");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private Jurisdictions() {
	}

	/** The issuing unit's level and region; both null when the rule finds nothing. */
	static Jurisdiction of(Reply reply) {
		String issuer = reply.issuer() == null ? "" : SPACE.matcher(reply.issuer()).replaceAll("");
		String rest = issuer;
		Level level = null;
		String region = null;
		String province = place(PROVINCE, rest);
		if (province != null) {
			level = Level.PROVINCE;
			region = province;
			rest = rest.substring(province.length());
		}
		String city = place(CITY, rest);
		if (city != null) {
			level = Level.CITY;
			region = region == null ? city : region;
			rest = rest.substring(city.length());
		}
		if (level != null) {
			return new Jurisdiction(place(DISTRICT, rest) != null ? Level.DISTRICT : level, region);
		}
		if (NATIONAL_NAME.matcher(issuer).find()) {
			return new Jurisdiction(Level.NATIONAL, "全国");
		}
		Level named = levelOfPrefix(issuer);
		if (named != null) {
			return new Jurisdiction(named, null);
		}
		String session = reply.submission() == null || reply.submission().session() == null ? ""
				: SPACE.matcher(reply.submission().session()).replaceAll("");
		if (session.contains("全国")) {
			return new Jurisdiction(Level.NATIONAL, "全国");
		}
		Level bySession = levelOfPrefix(session);
		if (bySession != null) {
			return new Jurisdiction(bySession, null);
		}
		return issuer.endsWith("部") ? new Jurisdiction(Level.NATIONAL, "全国") : new Jurisdiction(null, null);
	}

	/**
	 * The province, autonomous region or city {@code issuer}'s name begins with, or null.
	 */
	static String place(String issuer) {
		if (issuer == null) {
			return null;
		}
		String name = SPACE.matcher(issuer).replaceAll("");
		String province = place(PROVINCE, name);
		return province != null ? province : place(CITY, name);
	}

	private static String place(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			return null;
		}
		String place = m.group(1);
		return NOT_A_PLACE.matcher(place).find() ? null : place;
	}

	private static Level levelOfPrefix(String name) {
		if (name.startsWith("省")) {
			return Level.PROVINCE;
		}
		if (name.startsWith("市")) {
			return Level.CITY;
		}
		if (name.startsWith("区") || name.startsWith("县")) {
			return Level.DISTRICT;
		}
		return null;
	}

	/**
	 * @param level the level of government, or null
	 * @param region the first place the issuing unit's name names, {@code 全国}, or null
	 */
	record Jurisdiction(Level level, String region) {
	}

}
