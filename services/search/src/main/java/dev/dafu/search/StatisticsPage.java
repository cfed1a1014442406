package dev.dafu.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import dev.dafu.search.ReplyPage.FacetValue;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statistics page, {@code /stats?q=…&<filters>}: the replies a search finds counted
 * by year, issuing unit, handling result and topic ({@link ReplyStatistics}, so a
 * republished copy counts once), each as a table whose values link to the search filtered
 * by them, drawn as a chart where scripts run.
 */
@Controller
class StatisticsPage {

	/** The charts, in the order the page shows them, and how many values each shows. */
	private static final List<String> CHARTS = List.of("year", "issuer", "result", "topic");

	private static final int TOP = 15;

	private final ReplyStatistics statistics;

	private final SearchProperties properties;

	private final FilterLabels labels;

	StatisticsPage(ReplyStatistics statistics, SearchProperties properties, FilterLabels labels) {
		this.statistics = statistics;
		this.properties = properties;
		this.labels = labels;
	}

	@GetMapping("/stats")
	String stats(@RequestParam(required = false) String q, @RequestParam MultiValueMap<String, String> params,
			Locale locale, Model model, HttpServletResponse response) throws IOException {
		SearchLinks links = new SearchLinks("/stats", params);
		SearchLinks searches = new SearchLinks("/search", params);
		model.addAttribute("q", q);
		model.addAttribute("links", links);
		model.addAttribute("chosen", this.labels.chosen(links, locale));
		ReplyStatistics.Stats stats;
		try {
			stats = this.statistics.of(SearchParameters.query(q, this.properties), SearchFilters.of(params), TOP);
		}
		catch (BadSearchRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			return "stats";
		}
		List<Chart> charts = new ArrayList<>();
		for (String parameter : CHARTS) {
			List<FacetValue> counts = new ArrayList<>(stats.counts().getOrDefault(parameter, List.of()));
			if (parameter.equals("year")) {
				Collections.reverse(counts);
			}
			charts.add(new Chart(parameter,
					counts.stream()
						.map(value -> new Bar(this.labels.label(parameter, value.value(), locale), value.count(),
								searches.with(parameter, value.value())))
						.toList()));
		}
		model.addAttribute("total", stats.total());
		model.addAttribute("charts", charts);
		return "stats";
	}

	/** One chart: the filter it counts by and its bars. */
	record Chart(String parameter, List<Bar> bars) {
	}

	/**
	 * @param label the value as the page names it
	 * @param count how many replies have it
	 * @param link the search filtered by it
	 */
	record Bar(String label, long count, String link) {
	}

}
