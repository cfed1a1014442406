package dev.dafu.indexer;

import dev.dafu.reply.Reply;

/**
 * What indexing a reply changed, to be announced downstream.
 *
 * @param reply the reply as it now stands in the index
 * @param kind what happened to it
 * @param contentHash the hash of the indexed content, identical for identical content
 * @param json the reply as JSON, the public document an event carries
 */
public record ReplyChange(Reply reply, Kind kind, String contentHash, byte[] json) {

	public enum Kind {

		/** The index did not hold the reply before. */
		CREATED,
		/** Its content, URLs or gone URLs changed. */
		UPDATED,
		/** The last of its URLs was found gone: it is published nowhere any more. */
		WITHDRAWN

	}

}
