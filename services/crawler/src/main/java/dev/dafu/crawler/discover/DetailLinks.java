package dev.dafu.crawler.discover;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.dafu.reply.AttachmentLink;

/**
 * What a detail page links as part of its reply: the next of the pages it is printed over
 * (linked by 下一页 and named after the first: {@code t2024_1.html} for {@code t2024.html}),
 * and the files it links (附件: PDF, DOCX …).
 */
public final class DetailLinks {

	private DetailLinks() {
	}

	/**
	 * How continuation pages of the page at {@code uri} are named; null when its name has
	 * no extension, so it has none.
	 */
	public static Pattern continuationName(URI uri) {
		String path = uri.getPath();
		int dot = path == null ? -1 : path.lastIndexOf('.');
		if (dot <= path.lastIndexOf('/')) {
			return null;
		}
		return Pattern.compile(Pattern.quote(path.substring(0, dot)) + "_\\d+" + Pattern.quote(path.substring(dot)));
	}

	/** The page's 下一页 link, when it leads to a page named like a continuation. */
	public static URI nextPage(Document page, Pattern continuationName) {
		for (Element anchor : page.select("a[href]")) {
			if (anchor.text().contains("下一页")) {
				URI link = Urls.normalise(anchor.absUrl("href"));
				if (link != null && continuationName.matcher(link.getPath()).matches()) {
					return link;
				}
			}
		}
		return null;
	}

	/**
	 * The files the page links as its reply, at most {@code max}, those {@code mayFetch}
	 * allows, with the names their links give them.
	 */
	public static Map<URI, String> files(Document page, Predicate<URI> mayFetch, int max) {
		Map<URI, String> files = new LinkedHashMap<>();
		for (Element anchor : page.select("a[href]")) {
			String href = anchor.absUrl("href");
			Optional<String> name = AttachmentLink.fileName(href, anchor.text());
			URI file = name.isPresent() ? Urls.normalise(href) : null;
			if (file != null && mayFetch.test(file) && files.size() < max) {
				files.putIfAbsent(file, name.get());
			}
		}
		return files;
	}

}
