package dev.dafu.search;

import java.util.ArrayList;
import java.util.List;

import dev.dafu.reply.Reply;
import dev.dafu.reply.Section;

/**
 * A reply's text as its page shows it: the whole letter, line by line, from the
 * salutation and opening to the signature, contact and 抄送, with each section's heading
 * marked where the body has it, so the table of contents leads there.
 */
public final class ReplyText {

	private ReplyText() {
	}

	/**
	 * The body's lines, the section headings among them; when the body does not hold
	 * every heading as a line of its own (or opening a line), the sections as they are.
	 */
	static List<Block> of(Reply reply) {
		List<Section> sections = reply.sections();
		if (reply.body() == null) {
			return sectionsAlone(sections);
		}
		List<Block> blocks = new ArrayList<>();
		int next = 0;
		for (String line : reply.body().split("\n")) {
			String text = line.strip();
			if (next < sections.size() && text.startsWith(sections.get(next).heading())) {
				Section section = sections.get(next++);
				blocks.add(new Block(section.heading(), next));
				// A heading running into its paragraph (一、总体情况。全省…).
				String runIn = firstLine(section.text());
				if (!text.equals(section.heading()) && !runIn.isEmpty() && text.endsWith(runIn)) {
					blocks.add(new Block(runIn, 0));
				}
			}
			else if (!text.isEmpty()) {
				blocks.add(new Block(text, 0));
			}
		}
		return next == sections.size() ? blocks : sectionsAlone(sections);
	}

	private static List<Block> sectionsAlone(List<Section> sections) {
		List<Block> blocks = new ArrayList<>();
		for (int s = 0; s < sections.size(); s++) {
			blocks.add(new Block(sections.get(s).heading(), s + 1));
			for (String line : sections.get(s).text().split("\n")) {
				if (!line.isBlank()) {
					blocks.add(new Block(line.strip(), 0));
				}
			}
		}
		return blocks;
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0 ? text : text.substring(0, end)).strip();
	}

	/**
	 * A paragraph of the letter, or a section's heading.
	 *
	 * @param section for a heading, its section's number (from 1), which its anchor
	 * names; 0 for a paragraph
	 */
	public record Block(String text, int section) {

		public boolean heading() {
			return this.section > 0;
		}

	}

}
