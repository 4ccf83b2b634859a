package org.lianxin.web.webhooks;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The route of the webhook endpoints page ({@code /webhooks/}, a static file like the other pages). */
@Configuration(proxyBeanMethods = false)
class WebhooksPage implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/webhooks", "/webhooks/");
        registry.addViewController("/webhooks/").setViewName("forward:/webhooks/index.html");
    }
}
