package dev.dafu.reply;

/**
 * A reply's text cut into Chinese words, joined by single spaces, ready for a whitespace
 * analyzer.
 *
 * @param title the segmented title
 * @param subject the segmented title of the submission answered, or null when the reply
 * names none
 * @param body the segmented body
 */
public record SegmentedText(String title, String subject, String body) {
}
