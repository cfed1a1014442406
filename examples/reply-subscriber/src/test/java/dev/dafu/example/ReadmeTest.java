package dev.dafu.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeTest {

	@Test
	void theReadmeShowsTheSubscriberAsItIsBuiltAndTested() throws IOException {
		String source = Files.readString(Path.of("src/main/java/dev/dafu/example/ReplySubscriber.java"));
		String readme = Files.readString(Path.of("../../README.md"));
		assertThat(readme).contains("```java\n" + source + "```\n");
	}

}
