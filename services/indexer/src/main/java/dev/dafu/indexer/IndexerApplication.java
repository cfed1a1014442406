package dev.dafu.indexer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class IndexerApplication {

	/** The application with its own configuration file, {@code indexer.yml}. */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(IndexerApplication.class).properties("spring.config.name=indexer");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
