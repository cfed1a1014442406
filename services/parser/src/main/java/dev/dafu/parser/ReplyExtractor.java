package dev.dafu.parser;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dafu.reply.Contact;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Section;
import dev.dafu.reply.Submission;

/**
 * Reads a reply out of a page's lines, whatever the page was (HTML, PDF): the rules of
 * {@code domain.md} over lines in reading order, so every template that prints a reply in
 * the usual order works without rules of its own. A metadata table, where the page has
 * one, wins over what the lines suggest.
 */
final class ReplyExtractor {

	/**
	 * Titles of replies: {@code …建议的答复}, {@code …提案的答复函}, {@code …提案答复的函},
	 * {@code …的会办意见}. A column heading such as {@code 人大代表建议答复} is not one.
	 */
	private static final Pattern REPLY_TITLE = Pattern.compile(".*(建议|提案|议案)(的答复函?|答复的函)|.*(建议|提案|议案).*的会办意见");

	static final Pattern DOCUMENT_NUMBER = Pattern
		.compile("[\\p{IsHan}]{1,12}?字?\\s*[〔\\[［（(]\\s*\\d{4}\\s*[〕\\]］）)]\\s*第?\\s*\\d+\\s*号");

	private static final int MAX_TITLE_LENGTH = 120;

	/**
	 * Contact details stand in short labelled lines; body paragraphs are not searched for
	 * them.
	 */
	private static final int MAX_CONTACT_LINE_LENGTH = 120;

	/**
	 * Submission fields stand in the opening's first words; patterns never run over a
	 * whole long paragraph.
	 */
	private static final int MAX_OPENING_LENGTH = 200;

	private static final Pattern RESULT = Pattern.compile("办理结果\\s*[：:]\\s*(.+)");

	private static final Pattern GRADE = Pattern.compile("[A-Da-d]\\s*类?");

	private static final Pattern DISCLOSURE = Pattern.compile("公开属性\\s*[：:]\\s*(.+)");

	private static final Pattern SUBMISSION_NUMBER = Pattern.compile("第\\s*([A-Za-z]*\\d+)\\s*号");

	private static final Pattern SESSION = Pattern.compile("(?:对|关于)?\\s*(\\S*?会议)\\s*第\\s*[A-Za-z]*\\d+\\s*号");

	private static final Pattern SESSION_IN_TEXT = Pattern.compile("在(\\S+?会议)期间");

	private static final Pattern HONORIFIC = Pattern.compile("(代表|委员|同志|先生|女士)$");

	private static final Pattern OTHERS = Pattern.compile("^(.+?)等\\s*\\d+\\s*(位|名|人)?$");

	private static final Pattern NAMES_BEFORE_SUBMITTING = Pattern
		.compile("^(?:贵单位转来的)?(\\S+?)(?:等\\s*\\d+\\s*位)?(?:代表|委员)(?:在\\S+?期间)?(?:提出|所提|领衔)");

	private static final Pattern TOP_HEADING = Pattern.compile("[一二三四五六七八九十]{1,3}\\s*[、.．]\\s*\\S.*");

	private static final Pattern CLOSING = Pattern.compile("(再次)?感谢.*|特此(函复|答复|函告).*|此复.*|专此函复.*");

	private static final Pattern CONTACT_NAME = Pattern.compile("(?:联系人(?:姓名)?|承办人)\\s*[：:]\\s*(\\S+)");

	private static final Pattern CONTACT_PHONE = Pattern.compile("(?:联系电话|电话)\\s*[：:]\\s*([\\d\\-－—()（）]{7,20})");

	private static final Pattern CONTACT_ADDRESS = Pattern
		.compile("(?:联系地址|通讯地址|地址)\\s*[：:]\\s*(.+?)(?=\\s+\\S{2,6}[：:]|$)");

	private static final Pattern POSTCODE = Pattern.compile("(?:邮政编码|邮编)\\s*[：:]\\s*(\\d{6})");

	private static final Pattern CC = Pattern.compile("抄\\s*送\\s*[：:]\\s*(.+)");

	private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[，,、；;]\\s*");

	private static final Pattern ORGANISATION = Pattern.compile(".*(厅|局|委|委员会|办公室|办|部|署|院|中心|政府|集团|公司)");

	private ReplyExtractor() {
	}

	/** The reply these lines print, or empty when they print none. */
	static Optional<Reply> extract(PageText text, String url, List<String> partUrls, String site, int maxFirstLines) {
		List<String> lines = text.lines();
		Map<String, String> metadata = text.metadata();
		String title = text.titleCandidates().stream().filter(ReplyExtractor::isReplyTitle).findFirst().orElse(null);
		if (title == null) {
			return Optional.empty();
		}
		int titleLine = lines.indexOf(title);
		int numberLine = indexOfMatch(lines, DOCUMENT_NUMBER, 0, Math.min(lines.size(), maxFirstLines));
		String documentNumber = metadata.getOrDefault("发文字号", numberLine >= 0 ? lines.get(numberLine) : null);
		int bodyStart = Math.max(titleLine, numberLine) + 1;
		while (bodyStart < lines.size() && isHeaderLabel(lines.get(bodyStart))) {
			bodyStart++;
		}
		List<String> header = lines.subList(0, bodyStart);

		String issuer = issuer(metadata, lines, numberLine);
		if (issuer == null) {
			throw new UnparseableReplyException(url, "reply has no issuer (答复单位)");
		}
		List<String> bodyLines = lines.subList(bodyStart, lines.size());
		if (bodyLines.isEmpty()) {
			throw new UnparseableReplyException(url, "reply has no body text");
		}
		int signatureDate = lastDateLine(bodyLines);
		return Optional.of(new Reply(ReplyIdentity.of(issuer, documentNumber, title), List.of(url), partUrls, site,
				title, documentNumber, issuer, submission(title, bodyLines), handlingResult(header, metadata),
				disclosure(header, metadata), replyDate(metadata, bodyLines, signatureDate), publishDate(metadata),
				contact(bodyLines), cc(bodyLines), sections(bodyLines, signatureDate), String.join("\n", bodyLines),
				metadata, ReplyParser.EXTRACTOR_VERSION, List.of(), null));
	}

	/**
	 * Whether {@code line} is a reply's title; a long line is body text, and is not
	 * matched at all.
	 */
	static boolean isReplyTitle(String line) {
		return line.length() <= MAX_TITLE_LENGTH
				&& (line.endsWith("答复") || line.endsWith("答复函") || line.endsWith("的函") || line.endsWith("会办意见"))
				&& REPLY_TITLE.matcher(line).matches();
	}

	private static boolean isHeaderLabel(String line) {
		return RESULT.matcher(line).matches() || DISCLOSURE.matcher(line).matches() || GRADE.matcher(line).matches();
	}

	/**
	 * Whether {@code line} is one a reply prints above its title: result, disclosure,
	 * issuer, number.
	 */
	static boolean isHeaderLine(String line) {
		return isHeaderLabel(line) || DOCUMENT_NUMBER.matcher(line).matches() || isUnitName(line);
	}

	private static String issuer(Map<String, String> metadata, List<String> lines, int numberLine) {
		if (metadata.containsKey("发布机构")) {
			return metadata.get("发布机构");
		}
		if (numberLine > 0 && isUnitName(lines.get(numberLine - 1))) {
			return lines.get(numberLine - 1);
		}
		int signatureDate = lastDateLine(lines);
		if (signatureDate > 0 && isUnitName(lines.get(signatureDate - 1))) {
			return lines.get(signatureDate - 1);
		}
		String source = metadata.get("ContentSource");
		return source == null || source.isBlank() ? null : source;
	}

	private static boolean isUnitName(String line) {
		return line.length() <= 40 && line.codePoints()
			.allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || "（）()".indexOf(c) >= 0);
	}

	private static HandlingResult handlingResult(List<String> header, Map<String, String> metadata) {
		if (metadata.containsKey("办理结果")) {
			return HandlingResult.of(metadata.get("办理结果"));
		}
		for (String line : header) {
			Matcher result = RESULT.matcher(line);
			if (result.matches()) {
				return HandlingResult.of(result.group(1));
			}
			if (GRADE.matcher(line).matches()) {
				return HandlingResult.of(line);
			}
		}
		return null;
	}

	private static String disclosure(List<String> header, Map<String, String> metadata) {
		if (metadata.containsKey("公开属性")) {
			return metadata.get("公开属性");
		}
		for (String line : header) {
			Matcher disclosure = DISCLOSURE.matcher(line);
			if (disclosure.matches()) {
				return disclosure.group(1).strip();
			}
		}
		return null;
	}

	private static Submission submission(String title, List<String> body) {
		Submission.Kind kind = title.contains("提案") ? Submission.Kind.PROPOSAL : Submission.Kind.SUGGESTION;
		String salutation = salutation(body);
		String opening = body.get(salutation == null ? 0 : Math.min(1, body.size() - 1));
		opening = opening.substring(0, Math.min(opening.length(), MAX_OPENING_LENGTH));
		String number = firstGroup(SUBMISSION_NUMBER, title, opening);
		String session = firstGroup(SESSION, title);
		if (session == null) {
			session = firstGroup(SESSION_IN_TEXT, opening);
		}
		return new Submission(kind, number, session, proposers(title, salutation, opening));
	}

	/** The salutation (称谓) that opens the body, e.g. {@code 张三、李四代表：}. */
	private static String salutation(List<String> body) {
		String first = body.get(0);
		boolean looksLikeSalutation = (first.endsWith("：") || first.endsWith(":")) && first.length() <= 40
				&& !first.contains("收悉");
		return looksLikeSalutation ? first.substring(0, first.length() - 1).strip() : null;
	}

	/**
	 * Who filed the submission: named in the salutation, or, where the salutation
	 * addresses the lead unit (a co-handler's 会办意见), in the opening sentence.
	 */
	private static List<String> proposers(String title, String salutation, String opening) {
		String names = salutation;
		if (names == null || title.contains("会办意见") || isOrganisationAddressee(names)) {
			Matcher inOpening = NAMES_BEFORE_SUBMITTING.matcher(opening);
			names = inOpening.find() ? inOpening.group(1) : (title.contains("会办意见") ? null : names);
		}
		if (names == null) {
			return List.of();
		}
		names = HONORIFIC.matcher(names).replaceFirst("");
		Matcher others = OTHERS.matcher(names);
		if (others.matches()) {
			names = others.group(1);
		}
		return Arrays.stream(LIST_SEPARATOR.split(names)).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}

	private static boolean isOrganisationAddressee(String salutation) {
		return !HONORIFIC.matcher(salutation).find() && ORGANISATION.matcher(salutation).matches()
				&& !salutation.startsWith("民") && !salutation.contains("党");
	}

	private static LocalDate replyDate(Map<String, String> metadata, List<String> body, int signatureDate) {
		LocalDate written = date(metadata.get("成文日期"));
		if (written != null) {
			return written;
		}
		return signatureDate < 0 ? null : ChineseDate.parseWhole(body.get(signatureDate)).orElse(null);
	}

	private static LocalDate publishDate(Map<String, String> metadata) {
		for (String label : List.of("发布日期", "发布时间", "PubDate")) {
			LocalDate date = date(metadata.get(label));
			if (date != null) {
				return date;
			}
		}
		return null;
	}

	private static LocalDate date(String text) {
		if (text == null) {
			return null;
		}
		String value = text.strip();
		try {
			return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			return ChineseDate.parseWhole(value).orElse(null);
		}
	}

	private static Contact contact(List<String> body) {
		String name = null;
		String phone = null;
		String address = null;
		String postcode = null;
		for (String line : body) {
			if (line.length() > MAX_CONTACT_LINE_LENGTH || (line.indexOf('：') < 0 && line.indexOf(':') < 0)) {
				continue;
			}
			name = name != null ? name : firstGroup(CONTACT_NAME, line);
			phone = phone != null ? phone : firstGroup(CONTACT_PHONE, line);
			address = address != null ? address : firstGroup(CONTACT_ADDRESS, line);
			postcode = postcode != null ? postcode : firstGroup(POSTCODE, line);
		}
		return name == null && phone == null && address == null && postcode == null ? null
				: new Contact(name, phone, address, postcode);
	}

	/**
	 * The first group of the first of {@code texts} that {@code pattern} finds something
	 * in.
	 */
	private static String firstGroup(Pattern pattern, String... texts) {
		for (String text : texts) {
			Matcher matcher = pattern.matcher(text);
			if (matcher.find()) {
				return matcher.group(1).strip();
			}
		}
		return null;
	}

	private static List<String> cc(List<String> body) {
		for (String line : body) {
			Matcher cc = CC.matcher(line);
			if (cc.matches()) {
				String recipients = cc.group(1).strip().replaceFirst("[。.]$", "");
				return Arrays.stream(LIST_SEPARATOR.split(recipients)).filter(name -> !name.isBlank()).toList();
			}
		}
		return List.of();
	}

	/**
	 * Top-level sections (一、…), each up to the next one; the last ends at the closing or
	 * the signature.
	 */
	private static List<Section> sections(List<String> body, int signatureDate) {
		List<Integer> headings = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			if (TOP_HEADING.matcher(body.get(i)).matches() && body.get(i).length() <= 60) {
				headings.add(i);
			}
		}
		List<Section> sections = new ArrayList<>();
		for (int h = 0; h < headings.size(); h++) {
			int start = headings.get(h) + 1;
			int end = h + 1 < headings.size() ? headings.get(h + 1) : lastSectionEnd(body, start, signatureDate);
			sections.add(new Section(body.get(headings.get(h)),
					String.join("\n", body.subList(start, Math.max(start, end)))));
		}
		return sections;
	}

	private static int lastSectionEnd(List<String> body, int start, int signatureDate) {
		for (int i = start; i < body.size(); i++) {
			if (CLOSING.matcher(body.get(i)).matches()) {
				return i;
			}
		}
		return signatureDate > start ? signatureDate - 1 : body.size();
	}

	/** The signature date: the last line that is a date and nothing else. */
	private static int lastDateLine(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (ChineseDate.parseWhole(lines.get(i)).isPresent()) {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfMatch(List<String> lines, Pattern pattern, int from, int to) {
		for (int i = from; i < to; i++) {
			if (pattern.matcher(lines.get(i)).matches()) {
				return i;
			}
		}
		return -1;
	}

}
