package dev.dafu.indexer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeMap;

import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.dafu.reply.Reply;
import dev.dafu.reply.SegmentedText;
import dev.dafu.reply.Sha256;

/**
 * The stored form of a reply, as JSON bytes written once: the public document and its
 * segmented words ({@code words}), keys in alphabetical order at every level so that
 * equal content is equal bytes with an equal hash, then what each write adds (its hash,
 * time and change). The bytes go to Elasticsearch as they are.
 */
final class StoredReplies {

	private final JsonMapper json = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	/**
	 * The content of {@code reply} with {@code words}, its hash, and the reply's own JSON
	 * (an event's data). The reply is written once for both: its keys all sort before
	 * {@code words}, so the content is the reply's JSON with {@code words} added last.
	 * Its {@code fetchedAt} is not content: the document stores it beside.
	 */
	Content content(Reply reply, SegmentedText words) throws JsonProcessingException {
		byte[] json = this.json.writeValueAsBytes(reply.withFetchedAt(null));
		byte[] wordsJson = this.json.writeValueAsBytes(words);
		ByteArrayOutputStream content = new ByteArrayOutputStream(json.length + wordsJson.length + 10);
		content.write(json, 0, json.length - 1);
		content.writeBytes(",\"words\":".getBytes(StandardCharsets.UTF_8));
		content.writeBytes(wordsJson);
		content.write('}');
		byte[] bytes = content.toByteArray();
		return new Content(bytes, Sha256.hex(bytes), json, reply.fetchedAt());
	}

	/**
	 * The document to write, {@code content} and what the write adds (its hash, time and
	 * fetch time, and the last change made to the reply, if known), as JSON for the
	 * client to send as it is.
	 */
	BinaryData document(Content content, ReplyIndexer.StoredChange change) throws JsonProcessingException {
		TreeMap<String, Object> fields = new TreeMap<>();
		if (change != null) {
			TreeMap<String, Object> made = new TreeMap<>();
			made.put("kind", change.kind().name());
			made.put("source", change.source());
			fields.put("change", made);
		}
		fields.put("contentHash", content.hash());
		fields.put("indexedAt", Instant.now().toString());
		if (content.fetchedAt() != null) {
			fields.put("fetchedAt", content.fetchedAt().toString());
		}
		byte[] stamp = this.json.writeValueAsBytes(fields);
		// Both are JSON objects: the content's closing brace gives way to the stamp's
		// fields.
		ByteArrayOutputStream document = new ByteArrayOutputStream(content.bytes().length + stamp.length);
		document.write(content.bytes(), 0, content.bytes().length - 1);
		document.write(',');
		document.write(stamp, 1, stamp.length - 1);
		return BinaryData.of(document.toByteArray(), ContentType.APPLICATION_JSON);
	}

	/** Reads a stored document, or a part of one, back as a {@code type}. */
	<T> T read(Object stored, Class<T> type) {
		return this.json.convertValue(stored, type);
	}

	/**
	 * @param bytes the JSON object of a reply's content
	 * @param hash its SHA-256, the {@code contentHash} a write stores
	 * @param reply the JSON object of the reply alone, the public document
	 * @param fetchedAt the reply's fetch time, stored beside its content
	 */
	record Content(byte[] bytes, String hash, byte[] reply, Instant fetchedAt) {
	}

}
