package dev.dafu.enricher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Enrichment;
import dev.dafu.reply.Reply;
import dev.dafu.reply.SegmentedText;
import dev.dafu.reply.Sha256;
import dev.dafu.text.ChineseSegmenter;
import dev.dafu.text.ChineseSegmenter.Word;

/**
 * Adds what search and subscribers need beyond the printed reply: its title and body cut
 * into words for search, and its {@link Enrichment} (keywords, summary, topics, entities,
 * money amounts, the key of the submission it answers, a fingerprint of its text). The
 * body is segmented once for all of them; keywords are the title's, the submission's and
 * the {@link Answer}'s words, not the letter's form around them.
 * <p>
 * Its output is a function of the reply and {@link #version()}: the code's version
 * ({@value #CODE_VERSION}) and the digests of the data it reads (the dictionary, the
 * topics and the keyword stop words), so another dictionary gives another version.
 */
public class ReplyEnricher {

	/** The enrichment code's own version: raise it when its output changes. */
	static final String CODE_VERSION = "7";

	private static final String TOPICS = "dafu/enricher/topics.txt";

	private static final String STOP_WORDS = "dafu/enricher/keyword-stopwords.txt";

	private static final int KEYWORDS = 10;

	private final ChineseSegmenter segmenter;

	private final Keywords keywords;

	private final Summaries summaries = new Summaries();

	private final Topics topics;

	private final Entities entities = new Entities();

	private final String version;

	public ReplyEnricher(ChineseSegmenter segmenter) {
		this.segmenter = segmenter;
		String topics = resource(TOPICS);
		String stopWords = resource(STOP_WORDS);
		this.topics = new Topics(Topics.parse(topics));
		Set<String> stops = new HashSet<>();
		for (String line : stopWords.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				stops.add(line.strip());
			}
		}
		this.keywords = new Keywords(stops);
		this.version = CODE_VERSION + "-" + ChineseSegmenter.dictionaryVersion() + "-" + digest(topics + stopWords);
	}

	/** The enrichment version every reply it enriches records. */
	public String version() {
		return this.version;
	}

	public EnrichedReply enrich(Reply reply) {
		List<Word> title = this.segmenter.terms(reply.title());
		List<Word> body = this.segmenter.terms(reply.body());
		String subject = reply.submission() == null ? null : reply.submission().subject();
		List<Word> subjectWords = this.segmenter.terms(subject);
		List<Answer.Sentence> answer = Answer.of(reply.body());
		List<Word> about = new ArrayList<>(title.size() + subjectWords.size() + body.size());
		about.addAll(title);
		about.addAll(subjectWords);
		about.addAll(inAnswer(body, answer));
		List<String> keywords = this.keywords.of(about, KEYWORDS);
		Jurisdictions.Jurisdiction jurisdiction = Jurisdictions.of(reply);
		Enrichment enrichment = new Enrichment(this.version, keywords, this.summaries.of(answer, keywords),
				this.topics.of(join(reply.title(), subject), reply.body()), this.entities.of(reply, body),
				Entities.amounts(reply.body()), jurisdiction.level(), jurisdiction.region(), SubmissionKeys.of(reply),
				SimHash.of(reply.body()));
		return new EnrichedReply(reply.withEnrichment(enrichment), new SegmentedText(this.segmenter.indexed(title),
				subject == null ? null : this.segmenter.indexed(subjectWords), this.segmenter.indexed(body)));
	}

	/** The words of the body that are in its answer's sentences, in order. */
	private static List<Word> inAnswer(List<Word> body, List<Answer.Sentence> answer) {
		List<Word> words = new ArrayList<>();
		int s = 0;
		for (Word word : body) {
			while (s < answer.size() && answer.get(s).end() <= word.offset()) {
				s++;
			}
			if (s == answer.size()) {
				break;
			}
			if (word.offset() >= answer.get(s).start()) {
				words.add(word);
			}
		}
		return words;
	}

	private static String join(String title, String subject) {
		return subject == null ? title : title == null ? subject : title + "\n" + subject;
	}

	private static String resource(String name) {
		try (InputStream in = ReplyEnricher.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("no " + name + " on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first 12 hex digits of {@code text}'s SHA-256. */
	private static String digest(String text) {
		return Sha256.hex(text).substring(0, 12);
	}

}
