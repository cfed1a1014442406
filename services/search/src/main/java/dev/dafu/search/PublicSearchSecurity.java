package dev.dafu.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Search is for everyone: the UI and the read-only API answer GET without credentials;
 * other methods are refused. The UI may load only its own scripts and styles, so page
 * content shown in it can never run as code. Everything else on this service is the
 * operator's.
 */
@Configuration(proxyBeanMethods = false)
class PublicSearchSecurity {

	@Bean
	@Order(1)
	SecurityFilterChain publicSearch(HttpSecurity http) throws Exception {
		return http.securityMatcher("/", "/index.html", "/dafu.js", "/dafu.css", "/api/**", "/v3/api-docs", "/error")
			.authorizeHttpRequests(
					requests -> requests.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'")))
			.csrf(csrf -> csrf.disable())
			.build();
	}

}
