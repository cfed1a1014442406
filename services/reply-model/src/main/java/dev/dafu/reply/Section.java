package dev.dafu.reply;

/**
 * A top-level section of the reply's body.
 *
 * @param heading the heading with its numbering, e.g. {@code 一、办理概述}
 * @param text the section's text up to the next top-level heading or the closing, one
 * paragraph a line
 */
public record Section(String heading, String text) {
}
