package dev.dafu.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import dev.dafu.reply.Contact;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.Section;
import dev.dafu.reply.SegmentedText;
import dev.dafu.reply.Sha256;
import dev.dafu.reply.Submission;

class StoredRepliesTest {

	private final StoredReplies stored = new StoredReplies();

	private final Reply reply = reply();

	private final SegmentedText words = new SegmentedText("对 市 十六届 人大 二次 会议", null, "加快 科学 基础 研究");

	@Test
	void equalContentIsEqualBytesAndTheHashEarlierVersionsStored() throws Exception {
		// How versions before batching stored a reply: converted to a map with its words,
		// every map's keys sorted.
		ObjectMapper earlier = new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
		TreeMap<String, Object> document = earlier.convertValue(this.reply, new TypeReference<>() {
		});
		document.put("words", earlier.convertValue(this.words, new TypeReference<TreeMap<String, Object>>() {
		}));

		StoredReplies.Content content = this.stored.content(this.reply, this.words);

		assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo(earlier.writeValueAsString(document));
		assertThat(content.hash()).isEqualTo(Sha256.hex(earlier.writeValueAsString(document)));
		assertThat(this.stored.content(this.reply, this.words).bytes()).isEqualTo(content.bytes());
		assertThat(new ObjectMapper().readTree(content.reply()))
			.isEqualTo(earlier.readTree(earlier.writeValueAsString(this.reply)));
	}

	@Test
	void aDocumentIsItsContentWithItsHashTimeFetchTimeAndChange() throws Exception {
		Instant fetchedAt = Instant.parse("2026-12-01T08:00:00Z");
		StoredReplies.Content content = this.stored.content(this.reply.withFetchedAt(fetchedAt), this.words);

		JsonNode document = new ObjectMapper().readTree(this.stored
			.document(content, new ReplyIndexer.StoredChange(ReplyChange.Kind.CREATED, "replies.enriched/2@17"))
			.asInputStream());

		assertThat(document.get("id").asText()).isEqualTo(this.reply.id());
		assertThat(document.get("replyDate").asText()).isEqualTo("2024-06-21");
		assertThat(document.at("/words/body").asText()).isEqualTo("加快 科学 基础 研究");
		assertThat(document.get("contentHash").asText()).isEqualTo(content.hash());
		assertThat(Instant.parse(document.get("indexedAt").asText())).isBeforeOrEqualTo(Instant.now());
		assertThat(document.at("/change/kind").asText()).isEqualTo("CREATED");
		assertThat(document.at("/change/source").asText()).isEqualTo("replies.enriched/2@17");
		assertThat(document.get("fetchedAt").asText()).isEqualTo("2026-12-01T08:00:00Z");
		assertThat(new ObjectMapper().readTree(content.reply()).has("fetchedAt")).as("not in an event").isFalse();
	}

	@Test
	void theFetchTimeIsNotContent() throws Exception {
		StoredReplies.Content fetched = this.stored
			.content(this.reply.withFetchedAt(Instant.parse("2026-12-01T08:00:00Z")), this.words);
		StoredReplies.Content fetchedAgain = this.stored
			.content(this.reply.withFetchedAt(Instant.parse("2026-12-02T08:00:00Z")), this.words);

		assertThat(fetchedAgain.hash()).isEqualTo(fetched.hash());
		assertThat(fetchedAgain.bytes()).isEqualTo(this.stored.content(this.reply, this.words).bytes());
	}

	private static Reply reply() {
		String title = "对市十六届人大二次会议第0671号代表建议的答复";
		LocalDate date = LocalDate.of(2024, 6, 21);
		return new Reply(ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕34号", title), List.of("http://site.test/34.html"),
				List.of(), "test", title, "沪科建复〔2024〕34号", "上海市科学技术委员会",
				new Submission(Submission.Kind.SUGGESTION, "0671", "市十六届人大二次会议", null, List.of("张三")),
				HandlingResult.of("A"), "主动公开", date, date.plusDays(3),
				new Contact("李四", "021-12345678", "人民大道200号", "200003"), List.of("市政府办公厅"),
				List.of(new Section("一、办理概述", "加快科学基础研究。")), "加快科学基础研究。",
				Map.of("索引号", "000-2024-1", "发布日期", "2024-06-24"), "0.3.0", List.of(), null, null, null, null);
	}

}
