package dev.dafu.crawler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class CrawlerApplication {

	/** The application with its own configuration file, {@code crawler.yml}. */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(CrawlerApplication.class).properties("spring.config.name=crawler");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
