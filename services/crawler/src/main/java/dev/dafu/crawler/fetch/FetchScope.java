package dev.dafu.crawler.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Where one crawl's requests may go and when they stop: onto the private network only
 * when the site allows it, through redirects only to the site's own host names (any port,
 * http or https), and no further once the crawl is cancelled.
 *
 * @param allowPrivateNetwork whether hosts may resolve to loopback or private addresses
 * @param hostNames the site's host names, lower case
 * @param cancelled says when the crawl was cancelled
 */
public record FetchScope(boolean allowPrivateNetwork, Set<String> hostNames, BooleanSupplier cancelled) {

	/** Whether a redirect to {@code target} stays on the site. */
	boolean mayRedirectTo(URI target) {
		return target.getHost() != null && this.hostNames.contains(target.getHost().toLowerCase(Locale.ROOT));
	}

	public boolean isCancelled() {
		return this.cancelled.getAsBoolean();
	}

}
