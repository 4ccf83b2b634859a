package org.lianxin.web.recording.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The review page at {@code /review/} (a static page, like the others in WebConfiguration). */
@Configuration(proxyBeanMethods = false)
class ReviewPageRoute implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/review", "/review/");
        registry.addViewController("/review/").setViewName("forward:/review/index.html");
    }
}
