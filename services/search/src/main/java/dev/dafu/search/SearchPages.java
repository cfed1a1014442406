package dev.dafu.search;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import dev.dafu.reply.Contact;
import dev.dafu.reply.HandlingResult;
import dev.dafu.reply.Reply;
import dev.dafu.reply.Submission;
import dev.dafu.search.MarkedText.Part;
import dev.dafu.search.ReplySearch.Sort;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages people read, written on the server so that they work without scripts: the
 * search page ({@code /search}, every filter in the query string, as in the API), a
 * permalink for each reply ({@code /replies/{id}}) and its citation code
 * ({@code /cite/{code}}) resolving there.
 */
@Controller
class SearchPages {

	private static final int PAGE_SIZE = 20;

	private static final int FACET_SIZE = 10;

	/** When a reply was last fetched, in the time of the sites Dafu reads. */
	private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final ReplySearch search;

	private final RelatedReplies related;

	private final SearchProperties properties;

	private final FilterLabels labels;

	private final NavigationTree tree;

	SearchPages(ReplySearch search, RelatedReplies related, SearchProperties properties, FilterLabels labels,
			NavigationTree tree) {
		this.search = search;
		this.related = related;
		this.properties = properties;
		this.labels = labels;
		this.tree = tree;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/search";
	}

	@GetMapping("/search")
	String search(@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String sort, @RequestParam MultiValueMap<String, String> params,
			Locale locale, Model model, HttpServletResponse response) throws IOException {
		SearchLinks links = new SearchLinks("/search", params);
		model.addAttribute("q", q);
		model.addAttribute("links", links);
		model.addAttribute("kinds", Submission.Kind.values());
		model.addAttribute("categories", HandlingResult.Category.values());
		SearchParameters asked;
		try {
			asked = SearchParameters.of(q, pageNumber(page), PAGE_SIZE, sort, null, FACET_SIZE, params,
					this.properties);
		}
		catch (BadSearchRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			return "search";
		}
		ReplyPage result = this.search.search(asked.query(), asked.filters(), asked.sort(), asked.paging(),
				asked.facetSize());
		model.addAttribute("result", result);
		model.addAttribute("sort", asked.sort());
		model.addAttribute("sorts", Sort.values());
		model.addAttribute("pageNumber", asked.paging().page());
		model.addAttribute("pages", pages(result.total()));
		model.addAttribute("highlights", highlights(result));
		model.addAttribute("facets", facets(result, locale));
		model.addAttribute("chosen", this.labels.chosen(links, locale));
		model.addAttribute("tree", this.tree.get());
		return "search";
	}

	@GetMapping("/replies/{id}")
	String reply(@PathVariable String id, Model model) throws IOException {
		Reply reply = this.search.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no reply with id " + id));
		model.addAttribute("reply", reply);
		model.addAttribute("text", ReplyText.of(reply));
		model.addAttribute("related", this.related.of(reply, 10));
		model.addAttribute("contact", contact(reply.contact()));
		model.addAttribute("lastSeen", reply.fetchedAt() == null ? null : LAST_SEEN.format(reply.fetchedAt()));
		return "reply";
	}

	/** The reply a citation code names; a list when it names several. */
	@GetMapping("/cite/{code}")
	String cite(@PathVariable String code, Model model) throws IOException {
		List<Reply> cited = this.search.cited(code);
		if (cited.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no reply has the citation code " + code);
		}
		if (cited.size() == 1) {
			return "redirect:/replies/" + cited.get(0).id();
		}
		model.addAttribute("code", code);
		model.addAttribute("cited", cited);
		return "cited";
	}

	/** A reply or code that is no one's: the error page, with its status. */
	@ExceptionHandler(ResponseStatusException.class)
	ModelAndView missing(ResponseStatusException ex) {
		ModelAndView view = new ModelAndView("error", ex.getStatusCode());
		view.addObject("status", ex.getStatusCode().value());
		return view;
	}

	/** The contact block on one line: unit, name, phone, address, postcode. */
	private static String contact(Contact contact) {
		if (contact == null) {
			return null;
		}
		String line = Stream.of(contact.unit(), contact.name(), contact.phone(), contact.address(), contact.postcode())
			.filter(part -> part != null && !part.isBlank())
			.collect(Collectors.joining(" · "));
		return line.isEmpty() ? null : line;
	}

	/** The page number a link or a hand-edited address asks for, if any. */
	private static Integer pageNumber(String page) {
		if (page == null || page.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(page.strip());
		}
		catch (NumberFormatException ex) {
			throw new BadSearchRequestException("page must be a whole number, not " + SearchFilters.quoted(page));
		}
	}

	/** How many pages a user may turn to: as deep as the result window goes. */
	private int pages(long total) {
		long reachable = Math.min(total, this.properties.maxResultWindow());
		return (int) ((reachable + PAGE_SIZE - 1) / PAGE_SIZE);
	}

	private static Map<String, Marked> highlights(ReplyPage result) {
		Map<String, Marked> marked = new LinkedHashMap<>();
		result.highlights()
			.forEach((id, highlight) -> marked.put(id,
					new Marked(highlight.title() == null ? null : MarkedText.parts(highlight.title()),
							highlight.body().stream().map(MarkedText::parts).toList())));
		return marked;
	}

	private List<FacetView> facets(ReplyPage result, Locale locale) {
		List<FacetView> facets = new ArrayList<>();
		for (Facet facet : Facet.values()) {
			List<FacetChoice> values = result.facets()
				.getOrDefault(facet.parameter(), List.of())
				.stream()
				.map(value -> new FacetChoice(value.value(),
						this.labels.label(facet.parameter(), value.value(), locale), value.count()))
				.toList();
			facets.add(new FacetView(facet.parameter(), values));
		}
		return facets;
	}

	/** A highlight in parts: the title's, and each body fragment's. */
	record Marked(List<Part> title, List<List<Part>> body) {
	}

	/** A facet as the page lists it. */
	record FacetView(String parameter, List<FacetChoice> values) {
	}

	/** One value of a facet, its label and count. */
	record FacetChoice(String value, String label, long count) {
	}

}
