package dev.dafu.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every Dafu service: health and info are open, for orchestrators and load balancers;
 * every other path (metrics, starting and stopping bindings, operator APIs) needs the
 * operator's credentials over HTTP basic authentication. The operator is
 * {@code spring.security.user}, set from {@code DAFU_OPERATOR_USER} and
 * {@code DAFU_OPERATOR_PASSWORD}; without a password Spring Boot generates one and logs
 * it once. A service serving public paths (search) declares its own filter chain for
 * them, which runs before this one.
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
			// A machine API without browser sessions or cookies: nothing for CSRF to
			// forge.
			.csrf(csrf -> csrf.disable())
			.build();
	}

}
