package dev.dafu.reply;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a link on a page leads to a file holding a reply (附件): a PDF, DOCX, DOC, WPS or
 * OFD, named by the link's path ({@code …/答复.docx}), by a download script's parameter
 * ({@code downfile.jsp?filename=2406251002.pdf}), or by the link's own text
 * ({@code <a href="/download?id=3">答复.pdf</a>}). The crawler fetches such files with the
 * page; the parser knows a page that links one may be a stub.
 */
public final class AttachmentLink {

	private static final Pattern DOCUMENT = Pattern.compile("(?i)[^/\\\\?#]*\\.(pdf|docx?|wps|ofd)");

	private static final String[] EXTENSIONS = { "pdf", "doc", "wps", "ofd" };

	private static final Pattern FILE_PARAMETER = Pattern
		.compile("(?i)(?:^|[?&])(?:file|filename|fileName|name|fn|path)=([^&#]+)");

	private AttachmentLink() {
	}

	/** The file's name when {@code url}, linked as {@code text}, leads to a document. */
	public static Optional<String> fileName(String url, String text) {
		String linkText = text == null ? "" : text.strip();
		// Most links of a page name no document: they are told apart without a
		// pattern.
		if (!namesDocument(url) && !namesDocument(linkText)) {
			return Optional.empty();
		}
		int fragment = url.indexOf('#');
		String withoutFragment = fragment < 0 ? url : url.substring(0, fragment);
		int query = withoutFragment.indexOf('?');
		String path = query < 0 ? withoutFragment : withoutFragment.substring(0, query);
		String last = decode(path.substring(path.lastIndexOf('/') + 1));
		if (DOCUMENT.matcher(last).matches()) {
			return Optional.of(last);
		}
		if (query >= 0) {
			Matcher parameter = FILE_PARAMETER.matcher(withoutFragment.substring(query));
			while (parameter.find()) {
				String value = decode(parameter.group(1));
				String name = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
				if (DOCUMENT.matcher(name).matches()) {
					return Optional.of(name);
				}
			}
		}
		return DOCUMENT.matcher(linkText).matches() ? Optional.of(linkText) : Optional.empty();
	}

	/** Whether {@code text} holds a document's extension anywhere. */
	private static boolean namesDocument(String text) {
		for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
			for (String extension : EXTENSIONS) {
				if (text.regionMatches(true, dot + 1, extension, 0, extension.length())) {
					return true;
				}
			}
		}
		return false;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
