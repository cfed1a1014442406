package dev.dafu.search;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.Enrichment;
import dev.dafu.reply.Reply;

/**
 * A whole result set written out as it is read: every reply a search with these words,
 * filters and sort finds, in pages of {@value #PAGE} read under one point in time (so
 * replies indexed meanwhile neither appear twice nor shift the pages), as CSV or as JSON
 * Lines (one public reply document a line).
 */
public class ReplyExport {

	private static final int PAGE = 500;

	private static final String KEEP_ALIVE = "2m";

	/** The CSV columns, each with how it is read from a reply. */
	private static final List<Column> COLUMNS = List.of(new Column("citation", Reply::citation),
			new Column("id", Reply::id), new Column("title", Reply::title),
			new Column("documentNumber", Reply::documentNumber), new Column("issuer", Reply::issuer),
			new Column("replyDate", reply -> Objects.toString(reply.replyDate(), null)),
			new Column("publishDate", reply -> Objects.toString(reply.publishDate(), null)),
			new Column("kind", reply -> reply.submission() == null ? null : reply.submission().kind().name()),
			new Column("session", reply -> reply.submission() == null ? null : reply.submission().session()),
			new Column("number", reply -> reply.submission() == null ? null : reply.submission().number()),
			new Column("subject", reply -> reply.submission() == null ? null : reply.submission().subject()),
			new Column("proposers",
					reply -> reply.submission() == null ? null : String.join("、", reply.submission().proposers())),
			new Column("result", reply -> reply.handlingResult() == null ? null : reply.handlingResult().raw()),
			new Column("resultCategory",
					reply -> reply.handlingResult() == null ? null : reply.handlingResult().category().name()),
			new Column("disclosure", Reply::disclosure),
			new Column("level",
					reply -> reply.enrichment() == null || reply.enrichment().level() == null ? null
							: reply.enrichment().level().name()),
			new Column("region", reply -> reply.enrichment() == null ? null : reply.enrichment().region()),
			new Column("topics",
					reply -> reply.enrichment() == null ? null
							: reply.enrichment()
								.topics()
								.stream()
								.map(Enrichment.Topic::name)
								.collect(Collectors.joining("、"))),
			new Column("keywords",
					reply -> reply.enrichment() == null ? null : String.join("、", reply.enrichment().keywords())),
			new Column("summary", reply -> reply.enrichment() == null ? null : reply.enrichment().summary()),
			new Column("urls", reply -> String.join(" ", reply.urls())),
			new Column("withdrawnAt", reply -> Objects.toString(reply.withdrawnAt(), null)),
			new Column("nearDuplicateOf", Reply::nearDuplicateOf));

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final ReplyQueries queries;

	private final JsonMapper json;

	ReplyExport(ElasticsearchClient client, ReplyIndex index, ReplyQueries queries, JsonMapper json) {
		this.client = client;
		this.index = index;
		this.queries = queries;
		this.json = json;
	}

	/** How many replies an export of this search would write. */
	public long count(SearchQuery query, SearchFilters filters) throws IOException {
		try {
			return this.client.count(c -> c.index(this.index.name()).query(query(query, filters))).count();
		}
		catch (ElasticsearchException ex) {
			if (ReplySearch.isMissingIndex(ex)) {
				return 0;
			}
			throw ex;
		}
	}

	/** Writes every reply the search finds to {@code out} as JSON Lines. */
	public void jsonLines(SearchQuery query, SearchFilters filters, ReplySearch.Sort sort, OutputStream out)
			throws IOException {
		each(query, filters, sort, reply -> {
			out.write(this.json.writeValueAsBytes(reply));
			out.write('\n');
		});
		out.flush();
	}

	/**
	 * Writes every reply the search finds to {@code out} as CSV (RFC 4180, UTF-8 with a
	 * byte order mark, which spreadsheets need to read Chinese). A cell that begins with
	 * {@code = + - @} is written after an apostrophe, so no spreadsheet runs it as a
	 * formula.
	 */
	public void csv(SearchQuery query, SearchFilters filters, ReplySearch.Sort sort, OutputStream out)
			throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		CSVPrinter printer = new CSVPrinter(writer,
				CSVFormat.RFC4180.builder().setHeader(COLUMNS.stream().map(Column::name).toArray(String[]::new)).get());
		each(query, filters, sort, reply -> {
			List<String> cells = new ArrayList<>(COLUMNS.size());
			for (Column column : COLUMNS) {
				cells.add(safe(column.value().apply(reply)));
			}
			printer.printRecord(cells);
		});
		printer.flush();
	}

	private void each(SearchQuery query, SearchFilters filters, ReplySearch.Sort sort, ReplyWriter writer)
			throws IOException {
		Query q = query(query, filters);
		List<SortOptions> sorts = sort.options();
		String pit;
		try {
			pit = this.client.openPointInTime(o -> o.index(this.index.name()).keepAlive(k -> k.time(KEEP_ALIVE))).id();
		}
		catch (ElasticsearchException ex) {
			if (ReplySearch.isMissingIndex(ex)) {
				return;
			}
			throw ex;
		}
		try {
			List<FieldValue> after = null;
			while (true) {
				List<FieldValue> from = after;
				SearchResponse<Reply> page = this.client.search(s -> {
					s.size(PAGE)
						.pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)))
						.source(src -> src.filter(f -> f.excludes(ReplySearch.INTERNAL_FIELDS)))
						.query(q)
						.sort(sorts);
					if (from != null) {
						s.searchAfter(from);
					}
					return s;
				}, Reply.class);
				List<Hit<Reply>> hits = page.hits().hits();
				for (Hit<Reply> hit : hits) {
					writer.write(hit.source());
				}
				if (hits.size() < PAGE) {
					return;
				}
				after = hits.get(hits.size() - 1).sort();
			}
		}
		finally {
			this.client.closePointInTime(c -> c.id(pit));
		}
	}

	private Query query(SearchQuery query, SearchFilters filters) {
		return Query
			.of(q -> q.bool(b -> b.must(this.queries.matching(query)).filter(this.queries.allFilters(filters))));
	}

	/** {@code cell} as written, after an apostrophe when a spreadsheet would run it. */
	static String safe(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
	}

	private record Column(String name, Function<Reply, String> value) {
	}

	@FunctionalInterface
	private interface ReplyWriter {

		void write(Reply reply) throws IOException;

	}

}
