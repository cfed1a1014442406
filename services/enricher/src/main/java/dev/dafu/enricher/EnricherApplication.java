package dev.dafu.enricher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class EnricherApplication {

	/** The application with its own configuration file, {@code enricher.yml}. */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(EnricherApplication.class).properties("spring.config.name=enricher");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
