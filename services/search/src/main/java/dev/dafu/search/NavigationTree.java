package dev.dafu.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;

import dev.dafu.elasticsearch.ReplyIndex;

/**
 * The search page's tree for browsing the whole collection: each level of government with
 * its issuing units, each year with its sessions, counted over every reply. Read again at
 * most once every {@code maxAge}, as it changes only as replies arrive.
 */
public class NavigationTree {

	private static final int LEAVES = 10;

	private final ElasticsearchClient client;

	private final ReplyIndex index;

	private final Duration maxAge;

	private final Clock clock;

	private volatile Tree tree;

	private volatile Instant read = Instant.MIN;

	public NavigationTree(ElasticsearchClient client, ReplyIndex index, Duration maxAge, Clock clock) {
		this.client = client;
		this.index = index;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/** The tree, read at most {@code maxAge} ago. */
	public Tree get() throws IOException {
		Instant now = this.clock.instant();
		if (this.tree == null || this.read.plus(this.maxAge).isBefore(now)) {
			this.tree = read();
			this.read = now;
		}
		return this.tree;
	}

	private Tree read() throws IOException {
		try {
			var response = this.client.search(s -> s.index(this.index.name())
				.size(0)
				.aggregations("level",
						Aggregation.of(a -> a.terms(Facet.LEVEL.counting(10).terms())
							.aggregations("leaves", Facet.ISSUER.counting(LEAVES))))
				.aggregations("year", Aggregation.of(a -> a.dateHistogram(Facet.YEAR.counting(0).dateHistogram())
					.aggregations("leaves", Facet.SESSION.counting(LEAVES)))), Void.class);
			return new Tree(branches(Facet.LEVEL, Facet.ISSUER, response.aggregations().get("level")),
					branches(Facet.YEAR, Facet.SESSION, response.aggregations().get("year")));
		}
		catch (ElasticsearchException ex) {
			if (ReplySearch.isMissingIndex(ex)) {
				return new Tree(List.of(), List.of());
			}
			throw ex;
		}
	}

	private static List<Branch> branches(Facet facet, Facet leaves, Aggregate aggregate) {
		return Facet.buckets(aggregate)
			.stream()
			.map(bucket -> new Branch(facet.parameter(), bucket.value(), bucket.count(),
					leaves(leaves, bucket.aggregations().get("leaves"))))
			.toList();
	}

	private static List<Leaf> leaves(Facet facet, Aggregate aggregate) {
		return Facet.counts(aggregate)
			.stream()
			.map(value -> new Leaf(facet.parameter(), value.value(), value.count()))
			.toList();
	}

	/**
	 * @param levels each level of government with its issuing units
	 * @param years each year, newest first, with its sessions
	 */
	public record Tree(List<Branch> levels, List<Branch> years) {
	}

	/** A level or a year, its count and what it holds. */
	public record Branch(String parameter, String value, long count, List<Leaf> leaves) {
	}

	/** An issuing unit or a session and its count. */
	public record Leaf(String parameter, String value, long count) {
	}

}
