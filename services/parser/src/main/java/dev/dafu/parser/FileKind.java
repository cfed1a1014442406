package dev.dafu.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What kind of document a page or attachment is, told by its bytes first (sites send
 * {@code application/octet-stream}, or {@code text/html} for a PDF), then by its
 * {@code Content-Type}, then by its file name's extension.
 */
enum FileKind {

	HTML("HTML page"), PDF("PDF"), DOCX("Word (DOCX)"), DOC("Word 97–2003 (DOC)"), WPS("WPS"), OFD("OFD"),
	UNKNOWN("file of unknown kind");

	private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	/** OLE2 compound documents: Word 97–2003, and WPS Office's Word-compatible files. */
	private static final byte[] OLE2_MAGIC = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
			0x1A, (byte) 0xE1 };

	private static final Pattern PAGE_EXTENSION = Pattern.compile("s?html?|jsp|php|aspx?");

	private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*$");

	/** A ZIP's entry names are read at most this far to tell DOCX from OFD. */
	private static final int MAX_ENTRIES_LOOKED_AT = 200;

	private final String label;

	FileKind(String label) {
		this.label = label;
	}

	/** How the kind is named in a dead letter's reason. */
	String label() {
		return this.label;
	}

	/**
	 * The kind of {@code content}, sent with {@code contentType} (may be null) under
	 * {@code fileName} (may be null: the URL's last segment then serves).
	 */
	static FileKind of(byte[] content, String contentType, String fileName) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		String extension = extension(fileName);
		if (startsWith(content, PDF_MAGIC)) {
			return PDF;
		}
		if (startsWith(content, OLE2_MAGIC)) {
			return extension.equals("wps") || type.contains("wps") ? WPS : DOC;
		}
		if (startsWith(content, ZIP_MAGIC)) {
			return zipKind(content, type, extension);
		}
		if (type.contains("html") || type.isEmpty() && looksLikeMarkup(content)
				|| PAGE_EXTENSION.matcher(extension).matches()) {
			return HTML;
		}
		if (type.contains("pdf") || extension.equals("pdf")) {
			return PDF;
		}
		if (extension.equals("wps") || type.contains("wps")) {
			return WPS;
		}
		if (extension.equals("ofd") || type.contains("ofd")) {
			return OFD;
		}
		if (extension.equals("doc") || type.contains("msword")) {
			return DOC;
		}
		if (extension.equals("docx") || type.contains("wordprocessingml")) {
			return DOCX;
		}
		return content.length == 0 || looksLikeMarkup(content) ? HTML : UNKNOWN;
	}

	/** The lower-case extension of a file name or URL, without query or fragment. */
	static String extension(String name) {
		if (name == null) {
			return "";
		}
		String path = QUERY_OR_FRAGMENT.matcher(name).replaceFirst("");
		int dot = path.lastIndexOf('.');
		return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static FileKind zipKind(byte[] content, String type, String extension) {
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			ZipEntry entry;
			for (int i = 0; i < MAX_ENTRIES_LOOKED_AT && (entry = zip.getNextEntry()) != null; i++) {
				if (entry.getName().equals("word/document.xml")) {
					return DOCX;
				}
				if (entry.getName().equalsIgnoreCase("OFD.xml")) {
					return OFD;
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// A damaged archive: its name and type still tell what it should be.
		}
		if (extension.equals("ofd") || type.contains("ofd")) {
			return OFD;
		}
		return extension.equals("docx") || type.contains("wordprocessingml") ? DOCX : UNKNOWN;
	}

	private static boolean looksLikeMarkup(byte[] content) {
		for (int i = 0; i < Math.min(content.length, 1024); i++) {
			int b = content[i] & 0xFF;
			if (b == '<') {
				return true;
			}
			boolean skipped = Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF || b == 0xFE
					|| b == 0xFF;
			if (!skipped) {
				return false;
			}
		}
		return false;
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
	}

}
