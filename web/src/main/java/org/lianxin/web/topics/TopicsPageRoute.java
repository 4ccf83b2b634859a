package org.lianxin.web.topics;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The topics page at {@code /topics/} (a static page, like the others in WebConfiguration). */
@Configuration(proxyBeanMethods = false)
class TopicsPageRoute implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/topics", "/topics/");
        registry.addViewController("/topics/").setViewName("forward:/topics/index.html");
    }
}
