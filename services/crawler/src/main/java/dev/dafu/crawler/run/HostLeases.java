package dev.dafu.crawler.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.dafu.crawler.store.Documents;

/**
 * Which crawl may fetch from each host, across every crawler instance: a crawl holds the
 * hosts of its site while it runs, so two crawls (of two sites on one host, on two
 * instances) never send requests to a host at once, and each keeps its delay from the
 * last request of the one before. A lease lapses when its crawl stops renewing it.
 */
public class HostLeases {

	private final Documents<HostLease> leases;

	private final Clock clock;

	/**
	 * @param clock the time leases expire by
	 */
	public HostLeases(Documents<HostLease> leases, Clock clock) {
		this.leases = leases;
		this.clock = clock;
	}

	/**
	 * Takes or renews the leases of {@code hosts} for {@code crawlId}, in a fixed order
	 * so that two crawls wanting overlapping hosts cannot each hold what the other waits
	 * for.
	 * @return the lease of another crawl that holds one of the hosts, if one does
	 */
	Optional<HostLease> take(Set<String> hosts, String crawlId) {
		for (String host : new TreeSet<>(hosts)) {
			Optional<HostLease> holder = take(host, crawlId);
			if (holder.isPresent()) {
				return holder;
			}
		}
		return Optional.empty();
	}

	private Optional<HostLease> take(String host, String crawlId) {
		Instant now = this.clock.instant();
		Instant until = now.plus(CrawlRecord.STALE);
		var current = this.leases.getVersioned(host);
		if (current.isEmpty()) {
			return this.leases.create(host, new HostLease(host, crawlId, until, null)) ? Optional.empty()
					: take(host, crawlId);
		}
		HostLease held = current.get().document();
		if (held.heldByAnotherThan(crawlId, now)) {
			return Optional.of(held);
		}
		HostLease mine = new HostLease(host, crawlId, until, held.lastRequestAt());
		return this.leases.replace(host, current.get(), mine) ? Optional.empty()
				: Optional.of(this.leases.get(host).orElse(held));
	}

	/**
	 * The latest moment a crawl before this one last sent a request to any of the hosts.
	 */
	Optional<Instant> lastRequestAt(Set<String> hosts) {
		return hosts.stream()
			.map(this.leases::get)
			.flatMap(Optional::stream)
			.map(HostLease::lastRequestAt)
			.filter(at -> at != null)
			.max(Instant::compareTo);
	}

	/**
	 * Lets go of the hosts {@code crawlId} holds, noting that its last request to them
	 * ended by now.
	 */
	void release(Set<String> hosts, String crawlId) {
		for (String host : hosts) {
			this.leases.getVersioned(host)
				.filter(current -> crawlId.equals(current.document().crawlId()))
				.ifPresent(current -> this.leases.replace(host, current,
						new HostLease(host, null, null, this.clock.instant())));
		}
	}

	/**
	 * One host's lease.
	 *
	 * @param host the host and port ({@code www.gov.cn:443})
	 * @param crawlId the crawl holding it, null when free
	 * @param expiresAt when it lapses unless renewed
	 * @param lastRequestAt when the last crawl to let go of it had its last answer
	 */
	public record HostLease(String host, String crawlId, Instant expiresAt, Instant lastRequestAt) {

		boolean heldByAnotherThan(String crawl, Instant now) {
			return this.crawlId != null && !this.crawlId.equals(crawl) && this.expiresAt != null
					&& this.expiresAt.isAfter(now);
		}

	}

}
