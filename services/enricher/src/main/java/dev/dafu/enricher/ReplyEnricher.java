package dev.dafu.enricher;

import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.Reply;
import dev.dafu.reply.SegmentedText;
import dev.dafu.text.ChineseSegmenter;

/**
 * Adds what search needs beyond the printed reply: for now, its title and body cut into
 * words.
 */
public class ReplyEnricher {

	private final ChineseSegmenter segmenter;

	public ReplyEnricher(ChineseSegmenter segmenter) {
		this.segmenter = segmenter;
	}

	public EnrichedReply enrich(Reply reply) {
		return new EnrichedReply(reply,
				new SegmentedText(this.segmenter.segmented(reply.title()), this.segmenter.segmented(reply.body())));
	}

}
