package dev.dafu.reply;

import java.util.List;

/**
 * What the reply answers: a deputy's suggestion or a CPPCC member's proposal.
 *
 * @param kind suggestion (建议) or proposal (提案)
 * @param number its number as printed, leading zeros and letters kept ({@code 0671},
 * {@code BH035})
 * @param session the meeting it was filed at, e.g. {@code 市十六届人大二次会议}
 * @param subject its own title (案由) as the reply quotes it, e.g.
 * {@code 关于推动社区嵌入式养老服务的提案}, or null when the reply quotes none
 * @param proposers the deputies, members or groups who filed it, as printed; for
 * {@code 张三等5位代表} only {@code 张三}
 */
public record Submission(Kind kind, String number, String session, String subject, List<String> proposers) {

	public Submission {
		proposers = proposers == null ? List.of() : List.copyOf(proposers);
	}

	public enum Kind {

		/** 代表建议, filed by a people's congress deputy. */
		SUGGESTION,

		/** 政协提案, filed by a CPPCC member or group. */
		PROPOSAL

	}

}
