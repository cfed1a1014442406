package dev.dafu.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the text of an OFD attachment (GB/T 33190, the Chinese fixed-layout format many
 * government offices publish in): a ZIP whose {@code OFD.xml} names the document, whose
 * {@code Document.xml} lists the pages, each page's {@code Content.xml} placing text
 * objects on it. Text is ordered as printed, by position, runs on one baseline joined
 * into a line, so the lines read like a PDF's and are joined where they wrap. No library
 * on Maven Central reads OFD without pulling in a rendering stack, and text is all Dafu
 * needs.
 */
final class OfdDocument {

	/** Uncompressed bytes read at most, so a ZIP bomb cannot exhaust memory. */
	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private static final int MAX_ENTRIES = 10_000;

	/** Runs whose baselines are this close (mm) stand on one line. */
	private static final double SAME_LINE = 1.0;

	private OfdDocument() {
	}

	/**
	 * @throws IOException when the bytes are not an OFD package whose text can be read
	 */
	static List<String> lines(byte[] content) throws IOException {
		Map<String, byte[]> entries = entries(content);
		Document ofd = parse(entries, "OFD.xml");
		String docRoot = text(ofd, "DocRoot");
		if (docRoot == null) {
			throw new IOException("OFD.xml names no DocRoot");
		}
		docRoot = docRoot.replaceFirst("^/", "");
		String docFolder = docRoot.contains("/") ? docRoot.substring(0, docRoot.lastIndexOf('/') + 1) : "";
		NodeList pages = parse(entries, docRoot).getElementsByTagNameNS("*", "Page");
		List<String> printed = new ArrayList<>();
		for (int i = 0; i < pages.getLength(); i++) {
			String location = ((Element) pages.item(i)).getAttribute("BaseLoc").replaceFirst("^/", "");
			String path = entries.containsKey(docFolder + location) ? docFolder + location : location;
			printed.addAll(pageLines(parse(entries, path)));
		}
		return PdfDocument.joinWrappedLines(printed);
	}

	private static List<String> pageLines(Document page) {
		List<Run> runs = new ArrayList<>();
		NodeList objects = page.getElementsByTagNameNS("*", "TextObject");
		for (int i = 0; i < objects.getLength(); i++) {
			Element object = (Element) objects.item(i);
			double[] box = numbers(object.getAttribute("Boundary"));
			NodeList codes = object.getElementsByTagNameNS("*", "TextCode");
			for (int c = 0; c < codes.getLength(); c++) {
				Element code = (Element) codes.item(c);
				runs.add(new Run(box[1] + number(code.getAttribute("Y")), box[0] + number(code.getAttribute("X")),
						code.getTextContent()));
			}
		}
		runs.sort(Comparator.comparingDouble(Run::y).thenComparingDouble(Run::x));
		List<String> lines = new ArrayList<>();
		List<Run> line = new ArrayList<>();
		for (Run run : runs) {
			if (!line.isEmpty() && run.y() - line.get(0).y() > SAME_LINE) {
				addLine(line, lines);
			}
			line.add(run);
		}
		addLine(line, lines);
		return lines;
	}

	private static void addLine(List<Run> runs, List<String> lines) {
		runs.sort(Comparator.comparingDouble(Run::x));
		StringBuilder text = new StringBuilder();
		runs.forEach(run -> text.append(run.text()));
		String folded = PageText.fold(text.toString());
		if (!folded.isEmpty()) {
			lines.add(folded);
		}
		runs.clear();
	}

	private static Map<String, byte[]> entries(byte[] content) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		long total = 0;
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (entries.size() >= MAX_ENTRIES) {
					throw new IOException("OFD package has more than " + MAX_ENTRIES + " entries");
				}
				if (!entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
					continue;
				}
				byte[] bytes = readAtMost(zip, MAX_BYTES - total);
				total += bytes.length;
				entries.put(entry.getName().replaceFirst("^/", ""), bytes);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("not a ZIP package: " + ex.getMessage(), ex);
		}
		return entries;
	}

	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		if (bytes.length > limit) {
			throw new IOException("OFD package unpacks to more than " + MAX_BYTES + " bytes");
		}
		return bytes;
	}

	private static Document parse(Map<String, byte[]> entries, String path) throws IOException {
		byte[] xml = entries.get(path);
		if (xml == null) {
			throw new IOException("OFD package has no " + path);
		}
		try {
			return builder().parse(new ByteArrayInputStream(xml));
		}
		catch (SAXException ex) {
			throw new IOException(path + " is not well-formed XML: " + ex.getMessage(), ex);
		}
	}

	/** A parser that reads no DTD and resolves no entity: package XML is untrusted. */
	private static DocumentBuilder builder() throws IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			return factory.newDocumentBuilder();
		}
		catch (ParserConfigurationException ex) {
			throw new IOException(ex);
		}
	}

	private static String text(Document document, String localName) {
		NodeList found = document.getElementsByTagNameNS("*", localName);
		return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
	}

	private static double[] numbers(String text) {
		String[] parts = text.strip().split("\\s+");
		double[] numbers = new double[4];
		for (int i = 0; i < Math.min(parts.length, 4); i++) {
			numbers[i] = number(parts[i]);
		}
		return numbers;
	}

	private static double number(String text) {
		try {
			return text == null || text.isBlank() ? 0 : Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** A run of text where it is printed: its baseline and its left edge, in mm. */
	private record Run(double y, double x, String text) {
	}

}
