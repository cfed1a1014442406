package dev.dafu.parser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads a PDF attachment into lines with PDFBox. A printed page wraps paragraphs; a line
 * that runs to the right margin without ending a sentence is joined with the next, so a
 * paragraph is one line again.
 */
final class PdfDocument {

	private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[。：:；;！!？?”」）)]$");

	/** A line at least this share of the longest line ran to the margin. */
	private static final double FULL_LINE = 0.9;

	private PdfDocument() {
	}

	/**
	 * @throws IOException when the bytes are not a PDF PDFBox can read (damaged,
	 * encrypted)
	 */
	static List<String> lines(byte[] content) throws IOException {
		String text;
		try (PDDocument document = Loader.loadPDF(content)) {
			text = new PDFTextStripper().getText(document);
		}
		List<String> printed = new ArrayList<>();
		for (String line : text.split("\\R")) {
			String folded = PageText.fold(line);
			if (!folded.isEmpty()) {
				printed.add(folded);
			}
		}
		return joinWrappedLines(printed);
	}

	/**
	 * The lines of a printed page with paragraphs made whole: a line that runs to the
	 * right margin without ending a sentence goes on in the next.
	 */
	static List<String> joinWrappedLines(List<String> printed) {
		int longest = printed.stream().mapToInt(String::length).max().orElse(0);
		List<String> lines = new ArrayList<>();
		StringBuilder paragraph = new StringBuilder();
		for (String line : printed) {
			paragraph.append(line);
			boolean wrapped = line.length() >= FULL_LINE * longest && !ENDS_SENTENCE.matcher(line).matches();
			if (!wrapped) {
				lines.add(paragraph.toString());
				paragraph.setLength(0);
			}
		}
		if (!paragraph.isEmpty()) {
			lines.add(paragraph.toString());
		}
		return lines;
	}

}
