package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dafu.search.MarkedText.Part;

class MarkedTextTest {

	@Test
	void marksBecomeMarkedPartsAndTheRestPlainText() {
		assertThat(MarkedText.parts("推进<mark>社区嵌入式</mark>养老<mark>服务</mark>")).containsExactly(new Part("推进", false),
				new Part("社区嵌入式", true), new Part("养老", false), new Part("服务", true));
	}

	@Test
	void escapedPageTextComesBackAsTheTextItWasNotAsMarkup() {
		assertThat(MarkedText.parts("&lt;script&gt;alert(1)&lt;/script&gt; <mark>A&amp;B</mark>"))
			.containsExactly(new Part("<script>alert(1)</script> ", false), new Part("A&B", true));
	}

	@Test
	void noFragmentHasNoParts() {
		assertThat(MarkedText.parts(null)).isEmpty();
		assertThat(MarkedText.parts("")).isEmpty();
	}

}
