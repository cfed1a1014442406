package dev.dafu.crawler.site;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What a profile's path patterns make of a page's path. */
class SiteProfileTest {

	@Test
	void blankPatternsAreTheDefaults() {
		SiteProfile profile = profile("", " ").validated();

		assertThat(profile.isListing("/jyta/index_1.html")).isTrue();
		assertThat(profile.isDetail("/jyta/2024/t20240618_101.html")).isTrue();
		assertThat(profile.isDetail("/jyta/index.html")).isFalse();
	}

	@Test
	void aPatternThatWouldBacktrackWithoutEndIsAnErrorNotAHang() {
		SiteProfile profile = profile("/(.*a){12}\\.html", null).validated();
		String path = "/" + "a".repeat(40) + "!.html";

		assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> assertThatThrownBy(() -> profile.isListing(path)).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("listingPattern '/(.*a){12}\\.html' takes too long")
					.hasMessageContaining(path));
		assertThat(profile.isListing("/" + "a".repeat(12) + ".html")).isTrue();
	}

	private static SiteProfile profile(String listingPattern, String detailPattern) {
		return new SiteProfile("site", null, List.of(URI.create("http://site.test/")), listingPattern, detailPattern,
				null, null, null, null, null, null);
	}

}
