package dev.dafu.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Search is for everyone: the pages and the read-only API answer GET without credentials;
 * other methods are refused. The pages may load only this service's own scripts and
 * styles, none inline, so page content shown in them can never run as code. Everything
 * else on this service is the operator's.
 */
@Configuration(proxyBeanMethods = false)
class PublicSearchSecurity {

	/**
	 * Scripts, styles, images and connections from this service only, none inline, no
	 * plugins, no framing, forms sent only here.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain publicSearch(HttpSecurity http) throws Exception {
		return http
			.securityMatcher("/", "/search", "/replies/**", "/cite/**", "/stats", "/live", "/dafu.css", "/pages.js",
					"/stats.js", "/live.js", "/webjars/**", "/api/**", "/v3/api-docs", "/error")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD)
				.permitAll()
				.anyRequest()
				.denyAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.csrf(csrf -> csrf.disable())
			.build();
	}

}
