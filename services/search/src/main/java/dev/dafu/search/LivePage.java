package dev.dafu.search;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The live page, {@code /live?q=…&<filters>}: the replies published from now on that the
 * same search would find, as the API's stream ({@code /api/replies/stream}) announces
 * them, added to the page by its script without reload. Without scripts it says so and
 * links the same search, newest first.
 */
@Controller
class LivePage {

	private final SearchProperties properties;

	private final FilterLabels labels;

	LivePage(SearchProperties properties, FilterLabels labels) {
		this.properties = properties;
		this.labels = labels;
	}

	@GetMapping("/live")
	String live(@RequestParam(required = false) String q, @RequestParam MultiValueMap<String, String> params,
			Locale locale, Model model, HttpServletResponse response) {
		SearchLinks links = new SearchLinks("/live", params);
		model.addAttribute("q", q);
		model.addAttribute("links", links);
		model.addAttribute("chosen", this.labels.chosen(links, locale));
		try {
			SearchParameters.query(q, this.properties);
			SearchFilters.of(params);
		}
		catch (BadSearchRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			return "live";
		}
		model.addAttribute("stream", links.at("/api/replies/stream"));
		model.addAttribute("newest", new SearchLinks("/search", params).sorted("newest"));
		return "live";
	}

}
