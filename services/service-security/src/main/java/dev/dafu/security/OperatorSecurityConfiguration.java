package dev.dafu.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every Dafu service: health and info are open, for orchestrators and load balancers;
 * every other path (metrics, starting and stopping bindings, operator APIs) needs the
 * operator's credentials over HTTP basic authentication. The operator is
 * {@code spring.security.user}, set from {@code DAFU_OPERATOR_USER} and
 * {@code DAFU_OPERATOR_PASSWORD}; without a password Spring Boot generates one and logs
 * it once. A service serving public paths (search) declares its own filter chain for
 * them, which runs before this one. A request from a browser on another site may read
 * nothing without the credentials and change nothing even with them.
 */
@AutoConfiguration
public class OperatorSecurityConfiguration {

	/**
	 * The order of the operator chain: last, so a service's own chains for public paths
	 * come first.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Bean
	@Order(ORDER)
	SecurityFilterChain operatorSecurity(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
						.permitAll()
						.anyRequest()
						.hasRole("OPERATOR"))
			.httpBasic(Customizer.withDefaults())
			// No sessions or cookies, so no CSRF tokens; what a browser with cached
			// credentials could be made to send from another site is refused by origin.
			.csrf(csrf -> csrf.disable())
			.addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'")))
			.build();
	}

}
