package dev.dafu.reply;

/**
 * A file a detail page links as its reply (附件): the page is then only a stub, and the
 * reply is read from the file.
 *
 * @param url the file's URL
 * @param fileName the file's name as the site gives it ({@code Content-Disposition}, the
 * {@code filename=} of a download script, the link's text or the URL's last segment); may
 * be null
 * @param contentType its {@code Content-Type} header, may be null
 * @param content its bytes (base64 in JSON)
 */
public record Attachment(String url, String fileName, String contentType, byte[] content) {
}
