package dev.dafu.indexer;

import dev.dafu.reply.Reply;

/**
 * What indexing a reply changed, to be announced downstream.
 *
 * @param reply the reply as it now stands in the index
 * @param created true when the index did not hold this reply before
 * @param contentHash the hash of the indexed content, identical for identical content
 */
public record ReplyChange(Reply reply, boolean created, String contentHash) {
}
