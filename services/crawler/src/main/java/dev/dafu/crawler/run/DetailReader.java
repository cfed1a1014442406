package dev.dafu.crawler.run;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;

import dev.dafu.crawler.change.ContentHash;
import dev.dafu.crawler.change.PageHistory;
import dev.dafu.crawler.discover.DetailLinks;
import dev.dafu.crawler.fetch.FetchedPage;
import dev.dafu.crawler.site.SiteProfile;
import dev.dafu.reply.Attachment;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.PagePart;

import org.springframework.http.ContentDisposition;

/**
 * Reads a detail page for a crawl: whether it changed since the page history last saw it
 * (answered 304, or the same hash of what a reader sees), whether it is gone (404 or 410
 * where it was), and otherwise the whole of it (its continuation pages and the files it
 * links as its reply) to hand on as one crawled page. One a crawl.
 */
final class DetailReader {

	/** A reply printed over more pages than this is taken as a loop or a trap. */
	private static final int MAX_PARTS = 20;

	/** A page linking more files than this is not a stub of one reply. */
	private static final int MAX_ATTACHMENTS = 10;

	private final SiteVisit visit;

	private final ListingReader listings;

	private final SiteProfile site;

	private final PageSink pages;

	private final PageHistory history;

	/** The most a detail page with its continuation pages and files may hold. */
	private final long maxBytes;

	DetailReader(SiteVisit visit, ListingReader listings, PageSink pages, PageHistory history, long maxBytes) {
		this.visit = visit;
		this.listings = listings;
		this.site = visit.site();
		this.pages = pages;
		this.history = history;
		this.maxBytes = maxBytes;
	}

	/**
	 * Fetches a detail page and sends it with its continuation pages, unless it is
	 * unchanged since the last crawl (a 304, or the same text); a page that was there and
	 * now answers 404 or 410 is recorded as gone.
	 */
	void crawlDetail(URI uri, Work work) throws InterruptedException {
		String url = uri.toString();
		PageHistory.PageState before = this.history.get(url).orElse(null);
		FetchedPage page = this.visit.fetch(uri, before, work);
		if (page == null) {
			return;
		}
		Instant now = Instant.now();
		if (page.notModified() && before != null) {
			work.result = Frontier.Result.UNCHANGED;
			remember(before, PageHistory.Status.FETCHED, before.etag(), before.lastModified(), before.contentHash(),
					before.lastChangedAt(), now);
			return;
		}
		boolean wasThere = before != null && before.status() != PageHistory.Status.GONE;
		if (!page.ok()) {
			if ((page.status() == 404 || page.status() == 410) && wasThere) {
				work.result = Frontier.Result.GONE;
				this.pages.gone(new PageGone(url, this.site.id(), page.status(), now));
				remember(before, PageHistory.Status.GONE, null, null, before.contentHash(), now, now);
			}
			else {
				work.fail(FailureKind.http(page.status()), uri + ": HTTP " + page.status());
			}
			return;
		}
		if (this.listings.readIfFeed(page, work)) {
			return;
		}
		Document document = page.isHtml() ? page.document() : null;
		Map<URI, String> files = document == null ? Map.of()
				: DetailLinks.files(document, this.visit::onSite, MAX_ATTACHMENTS);
		WholePage whole = readWhole(page, document, files, work);
		if (document != null) {
			this.listings.followFrom(document, uri, files.keySet(), work);
		}
		if (whole.missing() != null) {
			// Sent without a page it continues on or the file it is printed in, the
			// reply would be published cut short or not at all; the next crawl tries
			// again.
			work.fail(FailureKind.INCOMPLETE,
					uri + ": not sent, its continuation page or file " + whole.missing() + " could not be read");
			return;
		}
		String hash = whole.contentHash();
		if (wasThere && hash.equals(before.contentHash())) {
			work.result = Frontier.Result.UNCHANGED;
			remember(before, PageHistory.Status.FETCHED, page.etag(), page.lastModified(), hash, before.lastChangedAt(),
					now);
			return;
		}
		this.pages.fetched(new CrawledPage(url, this.site.id(), now, page.status(), page.contentType(), page.body(),
				whole.parts(), whole.attachments(), this.visit.crawlId()));
		work.result = wasThere ? Frontier.Result.UPDATED : Frontier.Result.NEW;
		this.history.put(new PageHistory.PageState(url, this.site.id(), PageHistory.Status.FETCHED, page.etag(),
				page.lastModified(), hash, now, now, this.visit.crawlId()));
	}

	private void remember(PageHistory.PageState before, PageHistory.Status status, String etag, String lastModified,
			String hash, Instant changedAt, Instant fetchedAt) {
		this.history.put(new PageHistory.PageState(before.url(), before.siteId(), status, etag, lastModified, hash,
				fetchedAt, changedAt, this.visit.crawlId()));
	}

	/**
	 * Fetches what belongs to a detail page: the continuation pages of a page printed
	 * over several (each linked by 下一页 and named after the first: {@code t2024_1.html}
	 * for {@code t2024.html}, at most {@code MAX_PARTS}), and the files it links (附件:
	 * PDF, DOCX …, at most {@code MAX_ATTACHMENTS}, on the site's hosts), all together
	 * within the page size limit. Hashes what a reader sees of them all
	 * ({@link ContentHash}). Each page is parsed once.
	 */
	private WholePage readWhole(FetchedPage first, Document firstDocument, Map<URI, String> files, Work work)
			throws InterruptedException {
		Pattern partName = DetailLinks.continuationName(first.uri());
		ContentHash hash = new ContentHash();
		List<PagePart> parts = new ArrayList<>();
		Set<URI> seenParts = new HashSet<>(Set.of(first.uri()));
		Document document = firstDocument;
		FetchedPage current = first;
		long size = first.body().length;
		while (true) {
			if (document == null) {
				hash.add(current.body());
			}
			else {
				hash.add(document);
			}
			URI next = document == null || partName == null || parts.size() >= MAX_PARTS ? null
					: DetailLinks.nextPage(document, partName);
			if (next == null || !seenParts.add(next)) {
				break;
			}
			current = this.visit.fetch(next, work);
			if (current == null) {
				return new WholePage(parts, List.of(), null, next);
			}
			size += current.body().length;
			parts.add(new PagePart(current.uri().toString(), current.contentType(), current.body()));
			document = current.isHtml() ? current.document() : null;
		}
		List<Attachment> attachments = new ArrayList<>();
		for (Map.Entry<URI, String> file : files.entrySet()) {
			FetchedPage fetched = this.visit.fetch(file.getKey(), work);
			if (fetched != null && size + fetched.body().length > this.maxBytes) {
				work.fail(FailureKind.TOO_LARGE,
						first.uri() + ": with its files it is larger than " + this.maxBytes + " bytes");
				fetched = null;
			}
			if (fetched == null) {
				return new WholePage(parts, attachments, null, file.getKey());
			}
			size += fetched.body().length;
			hash.add(fetched.body());
			attachments.add(new Attachment(fetched.uri().toString(), fileName(fetched, file.getValue()),
					fetched.contentType(), fetched.body()));
		}
		return new WholePage(List.copyOf(parts), List.copyOf(attachments), hash.hex(), null);
	}

	/**
	 * A file's name: the one its {@code Content-Disposition} gives, else the one its link
	 * gives.
	 */
	private static String fileName(FetchedPage file, String linked) {
		if (file.contentDisposition() != null) {
			try {
				String name = ContentDisposition.parse(file.contentDisposition()).getFilename();
				if (name != null && !name.isBlank()) {
					return name;
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable header: the link's name serves.
			}
		}
		return linked;
	}

	/**
	 * What belongs to a detail page, and the hash of what it all says.
	 *
	 * @param parts its continuation pages, in order
	 * @param attachments the files it links as its reply
	 * @param contentHash the hash of the readable content of the page, its continuations
	 * and its files
	 * @param missing a continuation page or file that could not be read, if one could not
	 */
	private record WholePage(List<PagePart> parts, List<Attachment> attachments, String contentHash, URI missing) {
	}

}
