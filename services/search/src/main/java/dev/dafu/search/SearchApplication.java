package dev.dafu.search;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class SearchApplication {

	/** The application with its own configuration file, {@code search.yml}. */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SearchApplication.class).properties("spring.config.name=search");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
