package dev.dafu.indexer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.dafu.reply.Reply;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

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

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE_HEADER = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String SUBJECT = "ce_subject";

	public static final String TIME = "ce_time";

	public static final String CONTENT_TYPE = "content-type";

	private ReplyEvents() {
	}

	/**
	 * The event for {@code change}. Its id is derived from the reply id and content, so
	 * the same change delivered twice carries the same id and consumers can drop the
	 * repeat.
	 */
	public static Message<Reply> of(ReplyChange change) {
		Reply reply = change.reply();
		return MessageBuilder.withPayload(reply)
			.setHeader(KafkaHeaders.KEY, reply.id())
			.setHeader(SPEC_VERSION, "1.0")
			.setHeader(ID, reply.id() + "-" + change.contentHash().substring(0, 16))
			.setHeader(SOURCE_HEADER, SOURCE)
			.setHeader(TYPE, switch (change.kind()) {
				case CREATED -> CREATED;
				case UPDATED -> UPDATED;
				case WITHDRAWN -> WITHDRAWN;
			})
			.setHeader(SUBJECT, reply.id())
			.setHeader(TIME, OffsetDateTime.now(ZoneOffset.UTC).toString())
			.setHeader(CONTENT_TYPE, "application/json")
			.build();
	}

}
