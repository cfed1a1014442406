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
	 * Titles of replies: {@code …建议的答复}, {@code 对《…建议》的答复}, {@code …提案的答复函},
	 * {@code …提案答复的函}, {@code …建议的复函}, {@code …的会办意见}, {@code …建议办理情况的答复} or {@code …的函},
	 * and {@code …第N号代表建议答复} for a numbered submission. A column heading such as
	 * {@code 人大代表建议答复} is not one.
	 */
	private static final Pattern REPLY_TITLE = Pattern
		.compile(".*(建议|提案|议案)[》”]?(的答复函?|答复的函|的复函|的答复意见)" + "|.*第\\s*[A-Za-z]*[0-9０-９]+\\s*号.*(建议|提案|议案)(答复函?|答复意见|复函)"
				+ "|.*(建议|提案|议案)[》”]?办理情况的(答复函?|复函|函)|.*(建议|提案|议案).*的会办意见");

	/** The grade some sites print after a title: {@code （A类）}. */
	private static final Pattern TITLE_GRADE = Pattern.compile("[（(]\\s*([A-Da-d])\\s*类?\\s*[）)]$");

	/** A note some sites print after a title: a grade, {@code （摘要）}, {@code （全文）}. */
	private static final Pattern TITLE_NOTE = Pattern.compile("[（(][^（）()]{1,8}[）)]$");

	private static final List<String> TITLE_ENDINGS = List.of("答复", "答复函", "的函", "复函", "答复意见", "会办意见");

	static final Pattern DOCUMENT_NUMBER = Pattern
		.compile("[\\p{IsHan}]{1,12}?字?\\s*[〔\\[［（(]\\s*[0-9０-９]{4}\\s*[〕\\]］）)]\\s*第?\\s*[0-9０-９]+\\s*号");

	private static final int MAX_TITLE_LENGTH = 120;

	/** Who signed the letter, printed after its number: {@code 签发人：张明华}. */
	private static final Pattern SIGNER = Pattern.compile("\\s*签\\s*发\\s*人?\\s*[：:].*$");

	/** The longest line that goes on with a 抄送 list. */
	private static final int MAX_CC_LINE = 100;

	/** The longest first part of a title printed over two lines. */
	private static final int MAX_TITLE_START = 60;

	/**
	 * Submission fields stand in the opening's first words; patterns never run over a
	 * whole long paragraph.
	 */
	private static final int MAX_OPENING_LENGTH = 200;

	/** {@code 办理结果}, {@code 答复类别}, {@code 办理类型} …, letters perhaps spaced out. */
	private static final Pattern RESULT = Pattern
		.compile("(?:办\\s*理|答\\s*复|办\\s*复)\\s*(?:结\\s*果|类\\s*别|类\\s*型)\\s*[：:]\\s*(.+)");

	/**
	 * The longest labelled result line among the letter's: not a sentence that begins so.
	 */
	private static final int MAX_RESULT_LINE = 40;

	/** The labels of a catalogue's handling result. */
	private static final List<String> RESULT_LABELS = List.of("办理结果", "办理类别", "办理类型", "答复类别", "答复类型", "办复类别");

	/** A grade line above the title: {@code A}, {@code B类}, {@code （C类）}. */
	private static final Pattern GRADE = Pattern.compile("[（(]?\\s*([A-Da-d]\\s*类?)\\s*[）)]?");

	/** The longest grade line. */
	private static final int MAX_GRADE_LINE = 7;

	/**
	 * {@code 公开属性}, {@code 公开方式}, {@code 公开形式}, {@code 公开类型}, letters perhaps spaced out.
	 */
	private static final Pattern DISCLOSURE = Pattern
		.compile("公\\s*开\\s*(?:属\\s*性|方\\s*式|形\\s*式|类\\s*型)\\s*[：:]\\s*(.+)");

	/** The labels of a catalogue's disclosure. */
	private static final List<String> DISCLOSURE_LABELS = List.of("公开属性", "公开方式", "公开形式", "公开类型");

	private static final Pattern SUBMISSION_NUMBER = Pattern.compile("第\\s*([A-Za-z]*[0-9０-９]+)\\s*号");

	/** Labels under which a catalogue gives the submission's number. */
	private static final List<String> NUMBER_LABELS = List.of("建议编号", "提案编号", "议案编号", "建议号", "提案号", "案号");

	/** A catalogue's submission number: {@code 0123}, {@code 第0123号}, {@code BH035}. */
	private static final Pattern NUMBER_VALUE = Pattern.compile("第?\\s*([A-Za-z]*[0-9０-９]+)\\s*号?");

	/**
	 * The session a title names, after the issuer and its 关于 or 关于对 where the title opens
	 * with them ({@code 广州市交通运输局关于广州市十六届人大四次会议第…号代表建议答复的函},
	 * {@code 关于对市十六届人大二次会议第…号代表建议的答复}).
	 */
	private static final Pattern SESSION = Pattern
		.compile("(?:对|关于)*\\s*((?:(?!关于|对)\\S)*?会议)\\s*第\\s*[A-Za-z]*[0-9０-９]+\\s*号");

	/**
	 * The submission's own title as the opening quotes it: {@code 您提出的《…》收悉},
	 * {@code 你们提出的“…”} (other quotes inside kept: {@code 《关于…“小而美”…的提案》}), or names it
	 * without quotes: {@code 您提出的关于…的建议收悉}.
	 */
	private static final Pattern SUBJECT_IN_OPENING = Pattern.compile("(?:提出|提交|所提|领衔)的?\\s*(?:《([^》\\n]{4,120})》"
			+ "|“([^”\\n]{4,120})”|\"([^\"\\n]{4,120})\"|「([^」\\n]{4,120})」|(关于[^，,。；;\\n]{2,100}?的(?:建议|提案|议案)))");

	/**
	 * The submission's own title where the reply's title names it: {@code 关于推动…的提案的答复},
	 * {@code 对《关于…的建议》的答复}.
	 */
	private static final Pattern SUBJECT_IN_TITLE = Pattern
		.compile("^(?:对|关于)?[《“]?(关于\\S{2,100}?的(?:建议|提案|议案))[》”]?的?(?:答复|复函|会办意见)\\S*$");

	/** Metadata rows that name the submission's title. */
	private static final List<String> SUBJECT_LABELS = List.of("案由", "建议名称", "提案名称", "建议标题", "提案标题", "建议题目", "提案题目");

	/**
	 * Where the quoted title is looked for: the opening paragraphs, not the whole body.
	 */
	private static final int MAX_SUBJECT_SEARCH = 400;

	private static final Pattern SESSION_IN_TEXT = Pattern.compile("在(\\S+?会议)期间");

	private static final Pattern HONORIFIC = Pattern.compile("(代表|委员|同志|先生|女士)$");

	/** A note after a proposer's name: {@code 王五委员（领衔）}. */
	private static final Pattern NOTE = Pattern.compile("[（(][^）)]*[）)]");

	private static final Pattern OTHERS = Pattern.compile("^(.+?)等\\s*[0-9０-９]+\\s*(位|名|人)?$");

	/**
	 * Who filed it, as a co-handler's letter to the lead unit names them:
	 * {@code 你委转来的王海峰代表提出的…}.
	 */
	private static final Pattern NAMES_BEFORE_SUBMITTING = Pattern
		.compile("^(?:[^，,。]{0,10}?转(?:来|交|办)的)?(\\S+?)(?:等\\s*[0-9０-９]+\\s*位)?(?:代表|委员)(?:在\\S+?期间)?(?:提出|所提|领衔)");

	/**
	 * Groups that file proposals in their own name: the democratic parties and people's
	 * organisations ({@code 民盟中央}, {@code 九三学社市委}, {@code 市工商联}).
	 */
	private static final Pattern PROPOSER_GROUP = Pattern
		.compile(".*(民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|工商联|共青团|团市委|团省委|妇联|总工会|科协|侨联|台联|青联|党派).*");

	/** A unit that opens its title with its own name: {@code 财政部关于…的答复}. */
	private static final Pattern ISSUER_IN_TITLE = Pattern
		.compile("^(\\p{IsHan}{2,30}?(?:部|委员会|委|局|厅|办公室|办|院|署|行|政府|中心))(?:关于|对)\\S+");

	/**
	 * A numbered heading that runs into its paragraph: {@code 一、总体情况。全省已…}; the heading
	 * ends at the first full stop or colon.
	 */
	private static final Pattern RUN_IN_HEADING = Pattern
		.compile("([一二三四五六七八九十]{1,3}\\s*[、.．]\\s*[^。：:；;！!，,]{1,30})[。：:；;！!]\\s*(\\S.*)");

	private static final int MAX_HEADING_LENGTH = 60;

	private static final Pattern SENTENCE_END = Pattern.compile("[。；;！!]$");

	private static final Pattern TOP_HEADING = Pattern.compile("[一二三四五六七八九十]{1,3}\\s*[、.．]\\s*\\S.*");

	private static final Pattern CLOSING = Pattern.compile("(再次)?感谢.*|特此(函复|答复|函告).*|此复.*|专此函复.*");

	private static final Pattern CC = Pattern.compile("抄\\s*送\\s*[：:]\\s*(.+)");

	/** {@code 2024-06-21}, perhaps with a time after it. */
	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final String NUMERALS = "一二三四五六七八九十";

	private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[，,、；;]\\s*");

	private static final Pattern RESPECTFULLY = Pattern.compile("^尊敬的");

	private static final Pattern FINAL_STOP = Pattern.compile("[。.]$");

	private static final Pattern ORGANISATION = Pattern.compile(".*(厅|局|委|委员会|办公室|办|部|署|院|中心|政府|集团|公司)");

	private ReplyExtractor() {
	}

	/** The reply these lines print, or empty when they print none. */
	static Optional<Reply> extract(PageText text, String url, List<String> partUrls, String site, int maxFirstLines) {
		List<String> lines = text.lines();
		Map<String, String> metadata = text.metadata();
		Title found = title(text);
		if (found == null) {
			return Optional.empty();
		}
		String title = found.text();
		int titleLine = found.line();
		int numberLine = documentNumberLine(lines, Math.min(lines.size(), maxFirstLines));
		String documentNumber = catalogueNumber(metadata);
		if (documentNumber == null && numberLine >= 0) {
			documentNumber = withoutSigner(lines.get(numberLine));
		}
		int bodyStart = Math.max(titleLine, numberLine) + 1;
		while (bodyStart < lines.size() && isHeaderLabel(lines.get(bodyStart))) {
			bodyStart++;
		}
		List<String> header = lines.subList(0, bodyStart);

		String issuer = issuer(metadata, lines, numberLine, title);
		if (issuer == null) {
			throw new UnparseableReplyException(url, "reply has no issuer (答复单位)");
		}
		List<String> bodyLines = lines.subList(bodyStart, lines.size());
		if (bodyLines.isEmpty()) {
			throw new UnparseableReplyException(url, "reply has no body text");
		}
		int signatureDate = lastDateLine(bodyLines);
		return Optional.of(new Reply(ReplyIdentity.of(issuer, documentNumber, title), List.of(url), partUrls, site,
				title, documentNumber, issuer, submission(title, bodyLines, metadata),
				handlingResult(title, header, bodyLines, metadata), disclosure(header, metadata),
				replyDate(metadata, bodyLines, signatureDate), publishDate(metadata), ContactBlock.read(bodyLines),
				cc(bodyLines), sections(bodyLines, signatureDate), String.join("\n", bodyLines), metadata,
				ReplyParser.EXTRACTOR_VERSION, List.of(), null, null, null, null));
	}

	/**
	 * Whether {@code line} is a reply's title; a long line is body text, and is not
	 * matched at all.
	 */
	static boolean isReplyTitle(String line) {
		if (line.length() > MAX_TITLE_LENGTH) {
			return false;
		}
		String title = withoutNote(line);
		for (String ending : TITLE_ENDINGS) {
			if (title.endsWith(ending)) {
				return REPLY_TITLE.matcher(title).matches();
			}
		}
		return false;
	}

	/**
	 * The reply's title: the first candidate that is one, in the order the page's
	 * candidates are trusted. A title the article prints over two lines is read whole: a
	 * line that is no title alone, or that starts with the submission's number
	 * ({@code 第1059号建议的答复}), makes one with the line before it, unless that line is one
	 * printed above titles (number, a unit's name, result) or ends a sentence or a label.
	 */
	private static Title title(PageText text) {
		List<String> lines = text.lines();
		for (String candidate : text.titleCandidates()) {
			int line = lines.indexOf(candidate);
			boolean alone = isReplyTitle(candidate);
			if (line > 0 && (!alone || candidate.startsWith("第")) && startsTitle(lines.get(line - 1))) {
				String joined = lines.get(line - 1) + candidate;
				if (isReplyTitle(joined)) {
					return new Title(joined, line);
				}
			}
			if (alone) {
				return new Title(candidate, line);
			}
		}
		return null;
	}

	/** Whether {@code line} may be the first part of a title printed over two lines. */
	private static boolean startsTitle(String line) {
		if (line.isEmpty() || line.length() > MAX_TITLE_START || isHeaderLabel(line) || isDocumentNumber(line)
				|| ORGANISATION.matcher(line).matches() || isReplyTitle(line)) {
			return false;
		}
		char last = line.charAt(line.length() - 1);
		return "。：:；;，,！？".indexOf(last) < 0;
	}

	/** {@code title} without the note some sites print after it: {@code …的答复（A类）}. */
	private static String withoutNote(String title) {
		if (!title.endsWith("）") && !title.endsWith(")")) {
			return title;
		}
		Matcher note = TITLE_NOTE.matcher(title);
		return note.find() ? title.substring(0, note.start()).strip() : title;
	}

	/** A result, disclosure or grade line; most lines are told by their first words. */
	private static boolean isHeaderLabel(String line) {
		return (line.startsWith("办") || line.startsWith("答")) && RESULT.matcher(line).matches()
				|| line.startsWith("公") && DISCLOSURE.matcher(line).matches() || grade(line) != null;
	}

	/** The grade a line is alone ({@code B类} of {@code （B类）}); null when it is none. */
	private static String grade(String line) {
		if (line.length() > MAX_GRADE_LINE) {
			return null;
		}
		Matcher grade = GRADE.matcher(line);
		return grade.matches() ? grade.group(1) : null;
	}

	/**
	 * The document number the page's catalogue gives, under {@code 发文字号} or {@code 文号};
	 * null when it gives none or a placeholder ({@code 无}, {@code /}), which has no
	 * digit.
	 */
	private static String catalogueNumber(Map<String, String> metadata) {
		for (String label : List.of("发文字号", "文号")) {
			String number = metadata.get(label);
			if (number != null && number.chars().anyMatch(Character::isDigit)) {
				return number.strip();
			}
		}
		return null;
	}

	private static boolean isDocumentNumber(String line) {
		return line.indexOf('号') >= 0 && DOCUMENT_NUMBER.matcher(withoutSigner(line)).matches();
	}

	/** A number line without the signer some print after the number. */
	private static String withoutSigner(String line) {
		if (line.indexOf('签') < 0) {
			return line;
		}
		Matcher signer = SIGNER.matcher(line);
		return signer.find() ? line.substring(0, signer.start()) : line;
	}

	/**
	 * Whether {@code line} is one a reply prints above its title: result, disclosure,
	 * issuer, number.
	 */
	static boolean isHeaderLine(String line) {
		return isHeaderLabel(line) || isDocumentNumber(line) || isUnitName(line);
	}

	/**
	 * The answering unit: as the page's catalogue names it, printed above the number,
	 * signed above the date, opening the title, or as the page's source.
	 */
	private static String issuer(Map<String, String> metadata, List<String> lines, int numberLine, String title) {
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
		Matcher inTitle = ISSUER_IN_TITLE.matcher(title);
		if (inTitle.matches()) {
			return inTitle.group(1);
		}
		for (String label : List.of("ContentSource", "来源")) {
			String source = metadata.get(label);
			if (source != null && isUnitName(source)) {
				return source;
			}
		}
		return null;
	}

	private static boolean isUnitName(String line) {
		if (line.length() > 40) {
			return false;
		}
		for (int i = 0; i < line.length();) {
			int c = line.codePointAt(i);
			if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN && "（）()".indexOf(c) < 0) {
				return false;
			}
			i += Character.charCount(c);
		}
		return true;
	}

	/**
	 * The handling result: under a catalogue's label, on a line above the letter (a
	 * labelled result or a grade alone), on a labelled line among the letter's (some
	 * sites print it after the thanks or the date), or after the title
	 * ({@code …的答复（A类）}).
	 */
	private static HandlingResult handlingResult(String title, List<String> header, List<String> body,
			Map<String, String> metadata) {
		for (String label : RESULT_LABELS) {
			if (metadata.containsKey(label)) {
				return HandlingResult.of(metadata.get(label));
			}
		}
		for (String line : header) {
			Matcher result = RESULT.matcher(line);
			if (result.matches()) {
				return HandlingResult.of(result.group(1));
			}
			String grade = grade(line);
			if (grade != null) {
				return HandlingResult.of(grade);
			}
		}
		for (String line : body) {
			Matcher result = RESULT.matcher(line);
			if (line.length() <= MAX_RESULT_LINE && result.matches()) {
				return HandlingResult.of(result.group(1));
			}
		}
		Matcher grade = TITLE_GRADE.matcher(title);
		return grade.find() ? HandlingResult.of(grade.group().substring(1, grade.group().length() - 1)) : null;
	}

	private static String disclosure(List<String> header, Map<String, String> metadata) {
		for (String label : DISCLOSURE_LABELS) {
			if (metadata.containsKey(label)) {
				return metadata.get(label);
			}
		}
		for (String line : header) {
			Matcher disclosure = DISCLOSURE.matcher(line);
			if (disclosure.matches()) {
				return disclosure.group(1).strip();
			}
		}
		return null;
	}

	private static Submission submission(String title, List<String> body, Map<String, String> metadata) {
		Submission.Kind kind = title.contains("提案") ? Submission.Kind.PROPOSAL : Submission.Kind.SUGGESTION;
		String first = body.get(0);
		String salutation = salutation(first);
		String opening = body.get(salutation == null ? 0 : Math.min(1, body.size() - 1));
		int colon = salutation == null ? salutationEnd(first) : -1;
		if (colon > 0) {
			salutation = salutation(first.substring(0, colon + 1));
			opening = first.substring(colon + 1);
		}
		opening = opening.substring(0, Math.min(opening.length(), MAX_OPENING_LENGTH));
		String number = firstGroup(SUBMISSION_NUMBER, title, opening);
		if (number == null) {
			number = catalogueSubmissionNumber(metadata);
		}
		String session = firstGroup(SESSION, title);
		if (session == null) {
			session = firstGroup(SESSION_IN_TEXT, opening);
		}
		return new Submission(kind, number, session, subject(title, body, metadata),
				proposers(title, salutation, opening));
	}

	/**
	 * The submission's own title (案由): from a metadata row that names it, quoted in the
	 * opening, or named by the reply's title; never a session and number
	 * ({@code 关于市政协…第0189号提案}).
	 */
	private static String subject(String title, List<String> body, Map<String, String> metadata) {
		for (String label : SUBJECT_LABELS) {
			String value = metadata.get(label);
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		StringBuilder opening = new StringBuilder();
		for (int i = 0; i < body.size() && opening.length() < MAX_SUBJECT_SEARCH; i++) {
			opening.append(body.get(i)).append('\n');
		}
		Matcher inOpening = SUBJECT_IN_OPENING
			.matcher(opening.substring(0, Math.min(opening.length(), MAX_SUBJECT_SEARCH)));
		if (inOpening.find()) {
			return groupMatched(inOpening).strip();
		}
		String named = firstGroup(SUBJECT_IN_TITLE, title);
		return named == null || named.contains("会议") ? null : named;
	}

	/**
	 * The names of the salutation (称谓) {@code line} is, e.g. {@code 张三、李四代表：}; null when
	 * it is none.
	 */
	private static String salutation(String line) {
		return PrintedReplies.isSalutation(line)
				? RESPECTFULLY.matcher(line.substring(0, line.length() - 1).strip()).replaceFirst("") : null;
	}

	/**
	 * Where a salutation printed at the start of the opening ends, its colon: the opening
	 * addresses the proposers ({@code 张三代表：您提出的…}); -1 when none does.
	 */
	private static int salutationEnd(String line) {
		int colon = line.indexOf('：');
		if (colon < 0) {
			colon = line.indexOf(':');
		}
		int next = colon + 1;
		while (next < line.length() && PageText.isSpace(line.charAt(next))) {
			next++;
		}
		return colon > 0 && next < line.length() && "您你贵".indexOf(line.charAt(next)) >= 0
				&& PrintedReplies.isSalutation(line.substring(0, colon + 1)) ? colon : -1;
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
		return Arrays.stream(LIST_SEPARATOR.split(names))
			.map(name -> HONORIFIC.matcher(NOTE.matcher(name).replaceAll("").strip()).replaceFirst(""))
			.filter(name -> !name.isEmpty())
			.toList();
	}

	private static boolean isOrganisationAddressee(String salutation) {
		return !HONORIFIC.matcher(salutation).find() && ORGANISATION.matcher(salutation).matches()
				&& !PROPOSER_GROUP.matcher(salutation).matches();
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
		if (!ISO_DATE.matcher(value).lookingAt()) {
			return ChineseDate.parseWhole(value).orElse(null);
		}
		try {
			return LocalDate.parse(value.substring(0, 10));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The submission's number as a catalogue gives it: {@code 建议编号：0123}. */
	private static String catalogueSubmissionNumber(Map<String, String> metadata) {
		for (String label : NUMBER_LABELS) {
			String value = metadata.get(label);
			Matcher number = value == null ? null : NUMBER_VALUE.matcher(value.strip());
			if (number != null && number.matches()) {
				return number.group(1);
			}
		}
		return null;
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

	/**
	 * The group of {@code matcher}'s match that took part in it, of several alternatives.
	 */
	private static String groupMatched(Matcher matcher) {
		for (int group = 1; group <= matcher.groupCount(); group++) {
			if (matcher.group(group) != null) {
				return matcher.group(group);
			}
		}
		return matcher.group();
	}

	private static List<String> cc(List<String> body) {
		for (int i = 0; i < body.size(); i++) {
			String line = body.get(i);
			if (line.isEmpty() || line.charAt(0) != '抄') {
				continue;
			}
			Matcher cc = CC.matcher(line);
			if (cc.matches()) {
				StringBuilder recipients = new StringBuilder(cc.group(1).strip());
				for (int next = i + 1; next < body.size() && continuesList(recipients, body.get(next)); next++) {
					recipients.append(body.get(next).strip());
				}
				return Arrays.stream(LIST_SEPARATOR.split(FINAL_STOP.matcher(recipients).replaceFirst("")))
					.filter(name -> !name.isBlank())
					.toList();
			}
		}
		return List.of();
	}

	/**
	 * Whether {@code next} goes on with a list that {@code list} leaves open, ending with
	 * a separator ({@code 抄送：国务院办公厅，} and the recipients on the next line): it is short
	 * and no labelled line.
	 */
	private static boolean continuesList(CharSequence list, String next) {
		return !list.isEmpty() && "，,、；;".indexOf(list.charAt(list.length() - 1)) >= 0 && !next.isBlank()
				&& next.length() <= MAX_CC_LINE && next.indexOf('：') < 0 && next.indexOf(':') < 0;
	}

	/**
	 * Top-level sections (一、…), each up to the next one; the last ends at the closing or
	 * the signature.
	 */
	private static List<Section> sections(List<String> body, int signatureDate) {
		List<Integer> headings = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			if (isTopHeading(body.get(i))) {
				headings.add(i);
			}
		}
		List<Section> sections = new ArrayList<>();
		for (int h = 0; h < headings.size(); h++) {
			String heading = body.get(headings.get(h));
			int start = headings.get(h) + 1;
			int end = h + 1 < headings.size() ? headings.get(h + 1) : lastSectionEnd(body, start, signatureDate);
			List<String> text = new ArrayList<>(body.subList(start, Math.max(start, end)));
			Matcher runIn = RUN_IN_HEADING.matcher(heading);
			if (runIn.matches()) {
				heading = runIn.group(1).strip();
				text.add(0, runIn.group(2));
			}
			sections.add(new Section(heading, String.join("\n", text)));
		}
		return sections;
	}

	/**
	 * Whether {@code line} opens a top-level section: a short numbered line that is not a
	 * sentence ({@code 一、办理概述}, not {@code 一、近年来，…。}), or a numbered heading running into
	 * its paragraph.
	 */
	static boolean isTopHeading(String line) {
		// Most lines do not open with a numeral: they are told at once.
		return !line.isEmpty() && NUMERALS.indexOf(line.charAt(0)) >= 0 && TOP_HEADING.matcher(line).matches()
				&& (RUN_IN_HEADING.matcher(line).matches()
						|| line.length() <= MAX_HEADING_LENGTH && !SENTENCE_END.matcher(line).find());
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

	/** The first of the first {@code to} lines that is a document number, or -1. */
	private static int documentNumberLine(List<String> lines, int to) {
		for (int i = 0; i < to; i++) {
			if (isDocumentNumber(lines.get(i))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A reply's title, and the line of the article that prints it (its last line), -1
	 * when none does.
	 */
	private record Title(String text, int line) {
	}

}
