package dev.dafu.crawler.run;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;

import dev.dafu.crawler.discover.FeedLinks;
import dev.dafu.crawler.discover.PageLinks;
import dev.dafu.crawler.discover.SitemapLinks;
import dev.dafu.crawler.discover.Urls;
import dev.dafu.crawler.fetch.FetchedPage;
import dev.dafu.crawler.site.SiteProfile;

/**
 * Reads what lists detail pages (listings with their pagination and the rows their
 * scripts load, data endpoints, sitemaps, and detail pages that name other replies or
 * years' catalogues) for the URLs a crawl goes on to, and what a listing says of its
 * folder for the crawl's coverage check. One a crawl.
 */
final class ListingReader {

	/**
	 * Link text that names a reply: {@code 对…第0312号代表建议的答复}, {@code …提案答复的函},
	 * {@code …会办意见}.
	 */
	private static final Pattern REPLY_LINK_TEXT = Pattern.compile(".{0,80}(建议|提案|议案).{0,80}(答复|复函|会办意见|函)\\S{0,20}");

	/** Link text that names a year's catalogue: {@code 2023年}, {@code 2023年度建议提案}. */
	private static final Pattern YEAR_LINK_TEXT = Pattern.compile("\\s*(19|20)\\d{2}\\s*年?度?\\s*\\S{0,12}");

	/** A page linking at least this many replies is a listing, whatever its name. */
	private static final int LISTING_REPLY_LINKS = 3;

	private final SiteVisit visit;

	private final SiteProfile site;

	/**
	 * The data endpoints and their pages read so far, each read once though every page of
	 * a listing names it; detail pages are read by several workers at once.
	 */
	private final Set<URI> endpointsRead = ConcurrentHashMap.newKeySet();

	ListingReader(SiteVisit visit) {
		this.visit = visit;
		this.site = visit.site();
	}

	/**
	 * Reads a listing for its links, its pagination and the rows its scripts load, and
	 * what it says of its folder: the total it prints and the detail pages it links
	 * there. An answer that is a data endpoint's (JSON, XML) is read for its rows.
	 */
	void readListing(URI uri, Work work) throws InterruptedException {
		FetchedPage page = this.visit.fetch(uri, work);
		if (page == null) {
			return;
		}
		if (readIfFeed(page, work)) {
			return;
		}
		if (!page.isHtml()) {
			return;
		}
		work.result = Frontier.Result.READ;
		PageLinks.Found found = PageLinks.of(page.document());
		Set<URI> links = this.visit.inScope(found.anchors().keySet());
		// Rows wherever they lead: links titled as replies and those its scripts load.
		Set<URI> rowsAnywhere = replyLinks(found);
		rowsAnywhere.addAll(this.visit.inScope(found.scripted()));
		rowsAnywhere.addAll(readEndpoints(found, uri, work));
		links.addAll(rowsAnywhere);
		links.addAll(this.visit.inScope(found.pagination()));
		Set<URI> years = yearLinks(found);
		reportRepliesElsewhere(uri, found, work);
		work.folder = uri.getPath().substring(0, uri.getPath().lastIndexOf('/') + 1);
		work.printedTotal = found.printedTotal();
		work.rows = rows(work.folder, found, links, rowsAnywhere, years);
		// Its other pages, numbered in the query, are listings whatever the site's
		// patterns say of the path they share.
		Set<URI> listings = new HashSet<>(years);
		links.stream().filter(link -> Urls.isPageOf(link, uri)).forEach(listings::add);
		this.visit.foundLinks(links, listings);
	}

	/**
	 * The detail pages a listing links as its rows, to count against the total it prints:
	 * those in its own folder (site chrome links elsewhere), and, wherever they lead,
	 * those titled as replies or loaded by its scripts ({@code rowsAnywhere}), and those
	 * in the same list as any of these (a news item in the column, not a link in the
	 * sidebar).
	 */
	private List<String> rows(String folder, PageLinks.Found found, Set<URI> links, Set<URI> rowsAnywhere,
			Set<URI> years) {
		Set<URI> details = new LinkedHashSet<>(links);
		details.removeIf(link -> years.contains(link) || this.site.isListing(link.getPath())
				|| !this.site.isDetail(link.getPath()));
		Map<URI, Integer> lists = new HashMap<>();
		found.lists().forEach((url, list) -> {
			URI link = Urls.normalise(url);
			if (link != null) {
				lists.putIfAbsent(link, list);
			}
		});
		Predicate<URI> row = link -> link.getPath().startsWith(folder) || rowsAnywhere.contains(link);
		Set<Integer> rowLists = new HashSet<>();
		details.stream().filter(row).map(lists::get).filter(Objects::nonNull).forEach(rowLists::add);
		return details.stream().filter(row.or(link -> rowLists.contains(lists.get(link)))).map(URI::toString).toList();
	}

	/**
	 * Reads a detail page for what it names besides itself: replies it links (a catalogue
	 * that looks like a detail page by its name), years' catalogues, and, when it links
	 * several replies, its pagination and the rows its scripts load.
	 */
	void followFrom(Document document, URI uri, Set<URI> files, Work work) throws InterruptedException {
		PageLinks.Found found = PageLinks.of(document);
		Set<URI> replies = replyLinks(found);
		replies.removeAll(files);
		Set<URI> links = new LinkedHashSet<>(replies);
		if (replies.size() >= LISTING_REPLY_LINKS) {
			links.addAll(this.visit.inScope(found.scripted()));
			links.addAll(this.visit.inScope(found.pagination()));
			links.addAll(readEndpoints(found, uri, work));
		}
		Set<URI> years = yearLinks(found);
		links.addAll(years);
		this.visit.foundLinks(links, years);
	}

	/**
	 * Tells the operator of replies the listing links on other hosts than the site's,
	 * which the crawl leaves: nothing found on a site is otherwise a mystery.
	 */
	private void reportRepliesElsewhere(URI uri, PageLinks.Found found, Work work) {
		List<URI> elsewhere = titledUrls(found, REPLY_LINK_TEXT).stream()
			.map(Urls::normalise)
			.filter(link -> link != null && !this.visit.onSite(link))
			.toList();
		if (!elsewhere.isEmpty()) {
			Set<String> hosts = new TreeSet<>();
			elsewhere.forEach(link -> hosts.add(link.getHost()));
			work.fail(FailureKind.OFF_SITE_LINKS,
					uri + " links " + elsewhere.size() + " replies on other hosts " + hosts + ", such as "
							+ elsewhere.get(0) + ", which a crawl of this site does not follow: "
							+ "add a start URL on those hosts to crawl them");
		}
	}

	/** The anchors whose text names a reply, on the site's hosts. */
	private Set<URI> replyLinks(PageLinks.Found found) {
		return titled(found, REPLY_LINK_TEXT);
	}

	/**
	 * The anchors whose text names a year ({@code 2023年}): a year's catalogue, read as a
	 * listing whatever its name, unless the site's profile says what listings are.
	 */
	private Set<URI> yearLinks(PageLinks.Found found) {
		return this.site.listingPattern() != null ? Set.of() : titled(found, YEAR_LINK_TEXT);
	}

	/** The anchors on the site's hosts whose whole text {@code text} matches. */
	private Set<URI> titled(PageLinks.Found found, Pattern text) {
		return this.visit.inScope(titledUrls(found, text));
	}

	/** The anchors, wherever they lead, whose whole text {@code text} matches. */
	private static List<String> titledUrls(PageLinks.Found found, Pattern text) {
		return found.anchors()
			.entrySet()
			.stream()
			.filter(anchor -> text.matcher(anchor.getValue()).matches())
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * Reads a page that is a data endpoint's answer (JSON, XML: a profile, a sitemap or a
	 * link may name one) for its rows, which are queued; false when it is a page.
	 */
	boolean readIfFeed(FetchedPage page, Work work) throws InterruptedException {
		if (!FeedLinks.isFeed(page.body(), page.contentType())) {
			return false;
		}
		work.result = Frontier.Result.READ;
		this.visit.foundLinks(readFeed(page, page.uri().toString(), work), Set.of());
		return true;
	}

	/**
	 * Fetches the data endpoints a page's scripts load rows from, on the site's hosts,
	 * for the page URLs in their rows.
	 */
	private Set<URI> readEndpoints(PageLinks.Found found, URI page, Work work) throws InterruptedException {
		Set<URI> links = new LinkedHashSet<>();
		for (URI endpoint : this.visit.inScope(found.endpoints())) {
			if (!this.visit.mayGoOn()) {
				break;
			}
			FetchedPage answer = this.endpointsRead.add(endpoint) ? this.visit.fetch(endpoint, work) : null;
			if (answer != null) {
				links.addAll(readFeed(answer, page.toString(), work));
			}
		}
		return links;
	}

	/**
	 * The page URLs in a data endpoint's answer and in its other pages, which it counts;
	 * row URLs resolved against {@code base}, the page that named it.
	 */
	private Set<URI> readFeed(FetchedPage first, String base, Work work) throws InterruptedException {
		Set<URI> links = new LinkedHashSet<>();
		Set<URI> pages = new LinkedHashSet<>();
		FetchedPage answer = first;
		Iterator<URI> next = null;
		while (answer != null) {
			try {
				FeedLinks.Found rows = FeedLinks.of(answer.body(), answer.contentType(), answer.uri().toString(), base);
				links.addAll(this.visit.inScope(rows.links()));
				if (next == null) {
					pages.addAll(this.visit.inScope(rows.pages()));
					pages.remove(Urls.normalise(first.uri().toString()));
					next = pages.iterator();
				}
			}
			catch (IOException ex) {
				work.fail(FailureKind.BAD_FEED, answer.uri() + ": " + ex.getMessage());
			}
			answer = null;
			while (answer == null && next != null && next.hasNext() && this.visit.mayGoOn()) {
				URI page = next.next();
				answer = this.endpointsRead.add(page) ? this.visit.fetch(page, work) : null;
			}
		}
		return links;
	}

	/**
	 * Reads a sitemap (or a sitemap index) for the URLs it lists on the site's hosts.
	 */
	void readSitemap(URI uri, Work work) throws InterruptedException {
		FetchedPage page = this.visit.fetch(uri, work);
		if (page == null) {
			return;
		}
		try {
			SitemapLinks.Found listed = SitemapLinks.of(page.contentType(), page.body(), uri.toURL());
			List<Frontier.Entry> nested = new ArrayList<>();
			for (URI child : this.visit.onHosts(listed.sitemaps())) {
				nested.add(this.visit.entry(child, Frontier.Kind.SITEMAP));
			}
			work.result = Frontier.Result.READ;
			this.visit.found(nested);
			this.visit.foundLinks(this.visit.onHosts(listed.pages()), Set.of());
		}
		catch (IOException ex) {
			work.fail(FailureKind.BAD_SITEMAP, uri + ": " + ex.getMessage());
		}
	}

}
