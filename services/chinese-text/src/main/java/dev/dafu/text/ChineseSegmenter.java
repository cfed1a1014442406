package dev.dafu.text;

import java.util.List;
import java.util.Locale;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Cuts Chinese text into words with HanLP. The local Elasticsearch has no Chinese
 * analyzer, so documents are segmented here and indexed with the {@code whitespace}
 * analyzer, and queries are segmented with this same class so both sides agree on the
 * words.
 */
public final class ChineseSegmenter {

	private final Segment segment = HanLP.newSegment()
		.enableNameRecognize(false)
		.enablePlaceRecognize(false)
		.enableOrganizationRecognize(false);

	/** The words of {@code text}, lower-cased, without punctuation or whitespace. */
	public List<String> words(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return segment.seg(text).stream().map(ChineseSegmenter::word).filter(ChineseSegmenter::isWord).toList();
	}

	/**
	 * The words of {@code text} joined by single spaces, for a whitespace-analyzed field.
	 */
	public String segmented(String text) {
		return String.join(" ", words(text));
	}

	private static String word(Term term) {
		return term.word.strip().toLowerCase(Locale.ROOT);
	}

	private static boolean isWord(String word) {
		return word.codePoints().anyMatch(Character::isLetterOrDigit);
	}

}
