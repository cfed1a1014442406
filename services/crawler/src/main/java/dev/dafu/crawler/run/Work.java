package dev.dafu.crawler.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What processing one URL came to, gathered as it goes by the readers of a crawl: the
 * requests it took, what failed, and what a listing says of its folder.
 */
final class Work {

	Frontier.Result result = Frontier.Result.SKIPPED;

	int fetches;

	int forbidden;

	String folder;

	Integer printedTotal;

	List<String> rows;

	private final List<Frontier.Failure> failures = new ArrayList<>();

	void fail(FailureKind kind, String reason) {
		fail(kind.label(), reason);
	}

	void fail(String kind, String reason) {
		this.failures.add(new Frontier.Failure(kind, reason));
	}

	Frontier.Outcome outcome() {
		return new Frontier.Outcome(this.result, this.fetches, this.forbidden, this.failures, this.folder,
				this.printedTotal, this.rows);
	}

}
