package dev.dafu.reply;

/**
 * A reply with what the enricher added, as it travels on {@code replies.enriched}.
 *
 * @param reply the parsed reply
 * @param words the reply's text segmented into words
 */
public record EnrichedReply(Reply reply, SegmentedText words) {
}
