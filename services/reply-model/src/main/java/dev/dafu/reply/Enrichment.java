package dev.dafu.reply;

import java.util.List;

/**
 * What the enricher read out of a reply: a function of the reply and the enrichment
 * {@code version} alone, so the same reply and version give the same enrichment.
 *
 * @param version the enricher's version and the digests of its data files (dictionary,
 * topics); another version may read the same reply otherwise
 * @param keywords the words that say what the reply is about, most telling first
 * @param summary two or three sentences of the answer itself, in their order, run
 * together
 * @param topics the policy areas it is about (the topic taxonomy), most weighty first
 * @param entities the organisations, people and places it names, and its percentages and
 * years
 * @param amounts the money amounts it prints, in order, each normalised to yuan
 * @param level the level of government of the issuing unit, or null when neither its name
 * nor the session tells
 * @param region the province, autonomous region or city the issuing unit belongs to
 * ({@code 上海市}, {@code 河南省}), {@code 全国} for a national one, or null when its name names
 * no place
 * @param submissionKey the same for every reply to one suggestion or proposal (the lead
 * unit's and the co-handlers'): its place, session, kind and number; null when the reply
 * names no number
 * @param fingerprint a 64-bit SimHash of the body's text (16 hex digits): near-duplicate
 * texts differ in few bits
 */
public record Enrichment(String version, List<String> keywords, String summary, List<Topic> topics, Entities entities,
		List<Amount> amounts, Level level, String region, String submissionKey, String fingerprint) {

	public Enrichment {
		keywords = keywords == null ? List.of() : List.copyOf(keywords);
		topics = topics == null ? List.of() : List.copyOf(topics);
		amounts = amounts == null ? List.of() : List.copyOf(amounts);
	}

	/** A level of government, as the issuing unit's name or the session tells it. */
	public enum Level {

		/** A central unit, or an answer to a national session (全国人大, 全国政协). */
		NATIONAL,

		/** A province's or autonomous region's unit (河南省…, 省…). */
		PROVINCE,

		/** A city's unit (上海市…, 郑州市…, 市…), the four municipalities included. */
		CITY,

		/** A district's or county's unit (浦东新区…, 区…, 县…). */
		DISTRICT

	}

	/**
	 * A policy area a reply is about.
	 *
	 * @param name the topic's name in the taxonomy, e.g. {@code 科技创新}
	 * @param terms the terms of the topic the reply uses, which put it there, most used
	 * first
	 */
	public record Topic(String name, List<String> terms) {

		public Topic {
			terms = terms == null ? List.of() : List.copyOf(terms);
		}

	}

	/**
	 * What a reply names.
	 *
	 * @param organizations units, labs, companies and groups, as printed
	 * @param people proposers and contacts, as printed
	 * @param places places, as printed
	 * @param percentages the percentages it prints, in order
	 * @param years the years it mentions, ascending
	 */
	public record Entities(List<String> organizations, List<String> people, List<String> places,
			List<Percentage> percentages, List<Integer> years) {

		public Entities {
			organizations = organizations == null ? List.of() : List.copyOf(organizations);
			people = people == null ? List.of() : List.copyOf(people);
			places = places == null ? List.of() : List.copyOf(places);
			percentages = percentages == null ? List.of() : List.copyOf(percentages);
			years = years == null ? List.of() : List.copyOf(years);
		}

	}

	/**
	 * A money amount.
	 *
	 * @param text as printed, e.g. {@code 528.1亿元}
	 * @param yuan the amount in yuan, e.g. {@code 52810000000}
	 */
	public record Amount(String text, long yuan) {
	}

	/**
	 * A percentage.
	 *
	 * @param text as printed, e.g. {@code 26.2%}
	 * @param value the number, e.g. {@code 26.2}
	 */
	public record Percentage(String text, double value) {
	}

}
