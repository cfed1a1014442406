package dev.dafu.search;

import java.util.List;

import dev.dafu.reply.Reply;

/**
 * One page of search results.
 *
 * @param total how many replies match in all
 * @param page the 1-based page number
 * @param size the page size asked for
 * @param items the replies on this page
 */
public record ReplyPage(long total, int page, int size, List<Reply> items) {
}
