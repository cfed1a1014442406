package dev.dafu.search;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
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
		String otherLanguage(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params,
				Locale locale) {
			return new SearchLinks(request.getRequestURI(), params)
				.inLanguage("en".equals(locale.getLanguage()) ? "zh-CN" : "en");
		}

	}

}
