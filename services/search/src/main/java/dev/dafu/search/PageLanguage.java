package dev.dafu.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: Chinese unless the reader chose English with the switch on every
 * page ({@code ?lang=en}, {@code ?lang=zh-CN}), which a cookie remembers.
 */
@Configuration(proxyBeanMethods = false)
class PageLanguage implements WebMvcConfigurer {

	static final String PARAMETER = "lang";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("dafu-lang");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName(PARAMETER);
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	/** The link of the language switch: this page in the other language. */
	@ControllerAdvice(assignableTypes = { SearchPages.class, StatisticsPage.class, LivePage.class })
	static class Switch {

		@ModelAttribute("otherLanguage")
		String otherLanguage(HttpServletRequest request, Locale locale) {
			StringJoiner query = new StringJoiner("&", request.getRequestURI() + "?", "");
			request.getParameterMap().forEach((name, values) -> {
				if (!PARAMETER.equals(name)) {
					for (String value : values) {
						query.add(encoded(name) + "=" + encoded(value));
					}
				}
			});
			query.add(PARAMETER + "=" + ("en".equals(locale.getLanguage()) ? "zh-CN" : "en"));
			return query.toString();
		}

		private static String encoded(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

	}

}
