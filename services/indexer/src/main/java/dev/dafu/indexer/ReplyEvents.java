package dev.dafu.indexer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import dev.dafu.reply.Reply;

/**
 * Announcements on {@code replies.published}: CloudEvents 1.0 in Kafka binary mode, the
 * reply id as key and subject, the public reply document as JSON data
 * ({@code schemas/reply.v1.schema.json}).
 */
public final class ReplyEvents {

	public static final String CREATED = "reply.created.v1";

	public static final String UPDATED = "reply.updated.v1";

	public static final String WITHDRAWN = "reply.withdrawn.v1";

	public static final String SOURCE = "/dafu/indexer";

	/** The {@code $id} of the data's schema, {@code schemas/reply.v1.schema.json}. */
	public static final String DATA_SCHEMA = "urn:dafu:schema:reply.v1";

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE_HEADER = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String SUBJECT = "ce_subject";

	public static final String TIME = "ce_time";

	public static final String DATA_SCHEMA_HEADER = "ce_dataschema";

	public static final String CONTENT_TYPE = "content-type";

	private ReplyEvents() {
	}

	/**
	 * The event for {@code change}, as a record for {@code topic}. Its id is derived from
	 * the reply id and content, so the same change delivered twice carries the same id
	 * and consumers can drop the repeat.
	 */
	public static ProducerRecord<String, byte[]> of(ReplyChange change, String topic) {
		Reply reply = change.reply();
		ProducerRecord<String, byte[]> event = new ProducerRecord<>(topic, reply.id(), change.json());
		header(event, SPEC_VERSION, "1.0");
		header(event, ID, reply.id() + "-" + change.contentHash().substring(0, 16));
		header(event, SOURCE_HEADER, SOURCE);
		header(event, TYPE, switch (change.kind()) {
			case CREATED -> CREATED;
			case UPDATED -> UPDATED;
			case WITHDRAWN -> WITHDRAWN;
		});
		header(event, SUBJECT, reply.id());
		header(event, TIME, OffsetDateTime.now(ZoneOffset.UTC).toString());
		header(event, DATA_SCHEMA_HEADER, DATA_SCHEMA);
		header(event, CONTENT_TYPE, "application/json");
		return event;
	}

	private static void header(ProducerRecord<String, byte[]> event, String name, String value) {
		event.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
	}

}
