package dev.dafu.reply;

/**
 * A continuation page of a reply printed over several pages (linked by 下一页).
 *
 * @param url the continuation page's URL
 * @param contentType its {@code Content-Type} header, may be null
 * @param content its body bytes (base64 in JSON)
 */
public record PagePart(String url, String contentType, byte[] content) {
}
