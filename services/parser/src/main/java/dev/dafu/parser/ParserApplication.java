package dev.dafu.parser;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class ParserApplication {

	/** The application with its own configuration file, {@code parser.yml}. */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ParserApplication.class).properties("spring.config.name=parser");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
