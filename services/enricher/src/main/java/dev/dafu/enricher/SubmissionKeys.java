package dev.dafu.enricher;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;

/**
 * The key every reply to one suggestion or proposal shares: the lead unit's answer and
 * each co-handler's 会办意见 name the same session, kind and number, and the same place.
 * <p>
 * {@code <place>|<session>|<kind>|<number>}: the place is {@code 全国} for a national
 * session, else the province or city the issuer's name begins with (上海市生态环境局 → 上海市),
 * since a session printed as {@code 市十六届人大二次会议} is every city's; the session without
 * spaces or its own leading place; the number without leading zeros (0671 and 671 are
 * one). None when the reply names no number.
 */
final class SubmissionKeys {

	private static final Pattern SPACE = Pattern.compile("\\s+");

	static String of(Reply reply) {
		Submission submission = reply.submission();
		if (submission == null || submission.number() == null || submission.number().isBlank()
				|| submission.kind() == null) {
			return null;
		}
		String session = submission.session() == null ? "" : SPACE.matcher(submission.session()).replaceAll("");
		String place = session.contains("全国") ? "全国" : Objects.toString(Jurisdictions.place(reply.issuer()), "");
		if (!place.isEmpty() && session.startsWith(place)) {
			session = session.substring(place.length() - 1);
		}
		String number = SPACE.matcher(submission.number()).replaceAll("").toUpperCase(Locale.ROOT);
		number = number.replaceFirst("^0+(?=.)", "");
		return place + "|" + session + "|" + submission.kind().name() + "|" + number;
	}

}
