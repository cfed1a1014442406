package dev.dafu.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.extractor.WordExtractor;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads Word attachments into lines with Apache POI: a paragraph is a line, and so is a
 * table row, its cells apart by a space, as a reader sees them. DOCX through POI's XWPF;
 * DOC, and WPS Office's files in the same OLE2 format, through HWPF.
 */
final class WordDocument {

	private WordDocument() {
	}

	/**
	 * @throws IOException when the bytes are not a DOCX POI can read
	 */
	static List<String> docxLines(byte[] content) throws IOException {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(content))) {
			List<String> lines = new ArrayList<>();
			for (IBodyElement element : document.getBodyElements()) {
				if (element instanceof XWPFParagraph paragraph) {
					add(paragraph.getText(), lines);
				}
				else if (element instanceof XWPFTable table) {
					for (XWPFTableRow row : table.getRows()) {
						StringBuilder cells = new StringBuilder();
						for (XWPFTableCell cell : row.getTableCells()) {
							cells.append(cell.getText()).append(' ');
						}
						add(cells.toString(), lines);
					}
				}
			}
			return lines;
		}
		catch (RuntimeException ex) {
			// POI reports a damaged package as one of its own unchecked exceptions.
			throw new IOException(ex.getMessage(), ex);
		}
	}

	/**
	 * @throws IOException when the bytes are not a Word 97–2003 document POI can read
	 * (another WPS format, encrypted, damaged)
	 */
	static List<String> docLines(byte[] content) throws IOException {
		try (WordExtractor extractor = new WordExtractor(new HWPFDocument(new ByteArrayInputStream(content)))) {
			List<String> lines = new ArrayList<>();
			for (String paragraph : extractor.getParagraphText()) {
				// Cell marks (U+0007) end table cells; fields leave their codes.
				add(WordExtractor.stripFields(paragraph).replace('\u0007', ' '), lines);
			}
			return lines;
		}
		catch (RuntimeException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

	private static void add(String text, List<String> lines) {
		for (String line : text.split("[\\r\\n\\u000b\\u000c]")) {
			String folded = PageText.fold(line.replaceAll("\\p{Cc}", " "));
			if (!folded.isEmpty()) {
				lines.add(folded);
			}
		}
	}

}
