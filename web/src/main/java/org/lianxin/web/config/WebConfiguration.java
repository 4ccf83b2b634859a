package org.lianxin.web.config;

import java.util.List;

import org.lianxin.scheduler.Actor;
import org.lianxin.web.security.CurrentActor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Page routes (the pages themselves are static files) and the {@link Actor} parameter of controllers. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    public WebConfiguration() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/login").setViewName("forward:/login.html");
        for (String page : List.of("booking", "terminal", "console", "supervision", "supervision/inbox", "cases",
                "reports")) {
            registry.addRedirectViewController("/" + page, "/" + page + "/");
            registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentActor());
    }
}
