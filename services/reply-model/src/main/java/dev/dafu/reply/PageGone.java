package dev.dafu.reply;

import java.time.Instant;

/**
 * A page that served a reply and now answers 404 or 410, as the crawler found it
 * ({@code schemas/page-gone.v1.schema.json}, on {@code pages.gone} keyed by URL).
 *
 * @param url the page's canonical URL
 * @param site the id of the site profile it was crawled from
 * @param status the HTTP status it answers now
 * @param goneAt when the crawler found it gone
 */
public record PageGone(String url, String site, int status, Instant goneAt) {
}
