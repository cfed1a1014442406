package dev.dafu.search;

import java.io.IOException;
import java.io.Writer;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application reads them, answered as the API's own
 * errors are: problem details saying what to do, not Tomcat's empty HTML page. The common
 * one is a query typed with its Chinese as it is (curl sends the bytes unencoded), which
 * HTTP does not allow in an address.
 */
@Component
class RefusedRequests implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	static final String DETAIL = "the server refused the request before reading it; the usual cause is characters"
			+ " beyond ASCII left as they are in its address: send a query's words as UTF-8, percent-encoded"
			+ " (q=%E5%85%BB%E8%80%81 for 养老; curl -G --data-urlencode 'q=养老' …)";

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		// Inside the host's own error report valve, so this one reports first.
		factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ProblemValve()));
	}

	/** After Spring Boot's customizer, which adds the host's error report valve. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Reports a 400 nothing has answered yet as problem details; leaves every other error
	 * to the valves around it.
	 */
	static final class ProblemValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() != HttpServletResponse.SC_BAD_REQUEST || response.getContentWritten() > 0
					|| !response.setErrorReported()) {
				return;
			}
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\""
							+ DETAIL + "\"}");
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The connection is gone: nothing to tell.
			}
		}

	}

}
