package dev.dafu.text;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Cuts Chinese text into words with HanLP and Dafu's domain dictionary
 * ({@code dafu/text/dictionary.txt}: unit names, session terms, programmes and policy
 * terms, kept whole). The local Elasticsearch has no Chinese analyzer, so documents are
 * segmented here and indexed with the {@code whitespace} analyzer, and queries are
 * segmented with this same class so both sides agree on the words.
 * <p>
 * A document is indexed with its words and, for each word of three characters or more,
 * the shorter words inside it ({@link #indexed}): a query for {@code 实验室} finds
 * {@code 张江实验室}, a query for {@code 张江实验室} finds only it.
 */
public final class ChineseSegmenter {

	private static final String DICTIONARY = "dafu/text/dictionary.txt";

	/** The smallest word whose shorter words are indexed too. */
	private static final int COMPOUND_LENGTH = 3;

	/**
	 * How many compounds' parts a segmenter remembers: a reply's words recur in others.
	 */
	private static final int REMEMBERED_COMPOUNDS = 50_000;

	private final Map<String, Set<String>> compounds = new ConcurrentHashMap<>();

	private final DynamicCustomDictionary dictionary = Dictionary.INSTANCE.words;

	private final Segment segment = HanLP.newSegment()
		.enableNameRecognize(false)
		.enablePlaceRecognize(false)
		.enableOrganizationRecognize(false)
		.enableCustomDictionary(this.dictionary)
		.enableCustomDictionaryForcing(false)
		// Without it HanLP gives every word the offset 0.
		.enableOffset(true);

	/** The same segmenter without the custom dictionaries, to cut a compound word. */
	private final Segment parts = HanLP.newSegment()
		.enableNameRecognize(false)
		.enablePlaceRecognize(false)
		.enableOrganizationRecognize(false)
		.enableCustomDictionary(false);

	/**
	 * The dictionary's own words, as read: what the segmenter keeps whole beyond HanLP's
	 * dictionaries, by word, with their part of speech.
	 */
	public static Map<String, String> domainWords() {
		return Dictionary.INSTANCE.domain;
	}

	/**
	 * The first 12 hex digits of the domain dictionary's SHA-256: what an output made
	 * with it records, since another dictionary cuts the same text otherwise.
	 */
	public static String dictionaryVersion() {
		return Dictionary.INSTANCE.version;
	}

	/**
	 * The words of {@code text} in order, each with its part of speech (HanLP's tags:
	 * {@code n…} nouns, {@code ns} places, {@code nt} organisations, {@code m} numbers
	 * …); punctuation and whitespace left out, text as printed.
	 */
	public List<Word> terms(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<Term> terms = this.segment.seg(text);
		List<Word> words = new ArrayList<>(terms.size());
		for (Term term : terms) {
			String word = term.word.strip();
			if (isWord(word)) {
				words.add(new Word(word, term.nature == null ? "" : term.nature.toString(), term.offset));
			}
		}
		return words;
	}

	/** The words of {@code text}, lower-cased, without punctuation or whitespace. */
	public List<String> words(String text) {
		return terms(text).stream().map(word -> lowerCased(word.text())).toList();
	}

	/**
	 * The words of {@code text} joined by single spaces, for a query on a
	 * whitespace-analyzed field.
	 */
	public String segmented(String text) {
		return String.join(" ", words(text));
	}

	/**
	 * {@code terms} as a document's whitespace-analyzed field holds them: each word,
	 * lower-cased, followed by the shorter words inside it when it has three characters
	 * or more.
	 */
	public String indexed(List<Word> terms) {
		StringBuilder indexed = new StringBuilder();
		for (Word term : terms) {
			String word = lowerCased(term.text());
			append(indexed, word);
			if (word.length() >= COMPOUND_LENGTH) {
				for (String part : partsOf(word)) {
					append(indexed, part);
				}
			}
		}
		return indexed.toString();
	}

	/** {@code text} segmented and {@link #indexed}. */
	public String indexed(String text) {
		return indexed(terms(text));
	}

	/**
	 * The words inside a compound: HanLP's own cut of it, and every dictionary word it
	 * holds.
	 */
	private Set<String> partsOf(String word) {
		Set<String> remembered = this.compounds.get(word);
		if (remembered != null) {
			return remembered;
		}
		Set<String> parts = cutApart(word);
		if (this.compounds.size() < REMEMBERED_COMPOUNDS) {
			this.compounds.put(word, parts);
		}
		return parts;
	}

	private Set<String> cutApart(String word) {
		Set<String> parts = new LinkedHashSet<>();
		for (Term term : this.parts.seg(word)) {
			if (term.word.length() < word.length() && isWord(term.word)) {
				parts.add(term.word);
			}
		}
		this.dictionary.parseText(word, (begin, end, value) -> {
			if (end - begin > 1 && end - begin < word.length()) {
				parts.add(word.substring(begin, end));
			}
		});
		return Collections.unmodifiableSet(parts);
	}

	private static void append(StringBuilder text, String word) {
		if (!text.isEmpty()) {
			text.append(' ');
		}
		text.append(word);
	}

	private static String lowerCased(String word) {
		return word.toLowerCase(Locale.ROOT);
	}

	private static boolean isWord(String word) {
		for (int i = 0; i < word.length(); i += Character.charCount(word.codePointAt(i))) {
			if (Character.isLetterOrDigit(word.codePointAt(i))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One word of a text.
	 *
	 * @param text the word as printed
	 * @param nature its part of speech, HanLP's tag
	 * @param offset where it starts in the text
	 */
	public record Word(String text, String nature, int offset) {
	}

	/**
	 * HanLP's custom dictionary with Dafu's words added, loaded once a process: it is
	 * large, and only read after loading.
	 */
	private static final class Dictionary {

		static final Dictionary INSTANCE = new Dictionary();

		final DynamicCustomDictionary words = new DynamicCustomDictionary();

		final Map<String, String> domain = new LinkedHashMap<>();

		final String version;

		private Dictionary() {
			try (InputStream in = ChineseSegmenter.class.getClassLoader().getResourceAsStream(DICTIONARY)) {
				if (in == null) {
					throw new IllegalStateException("no " + DICTIONARY + " on the classpath");
				}
				byte[] bytes = in.readAllBytes();
				this.version = HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
					.substring(0, 12);
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					String entry = line.strip();
					if (entry.isEmpty() || entry.startsWith("#")) {
						continue;
					}
					String[] fields = entry.split("\\s+");
					String nature = fields.length > 1 ? fields[1] : "n";
					this.domain.put(fields[0], nature);
					this.words.insert(fields[0], nature + " 1000");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
