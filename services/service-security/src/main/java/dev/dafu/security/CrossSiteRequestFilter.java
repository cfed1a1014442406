package dev.dafu.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that changes something when the browser sending it says it comes from
 * another site. A browser that has the operator's credentials cached (after the operator
 * page asked for them) would otherwise send them along with a form any other page posts
 * here: cross-site request forgery. Browsers name where a request comes from
 * ({@code Sec-Fetch-Site}, {@code Origin}); API clients such as curl send neither and
 * pass.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && isCrossSite(request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType("application/problem+json");
			response.getOutputStream()
				.write(("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"a request from another site "
						+ "may not change anything here\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isCrossSite(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null) {
			return !"same-origin".equals(fetchSite) && !"none".equals(fetchSite);
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		try {
			String authority = URI.create(origin).getRawAuthority();
			return authority == null || !authority.equalsIgnoreCase(request.getHeader("Host"));
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

}
