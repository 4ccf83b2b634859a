package org.lianxin.web.officials;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reception-hours page at {@code /admin/} (a static page, like the others in WebConfiguration): officials'
 * weekly windows and blocked periods, through this package's REST API.
 */
@Configuration(proxyBeanMethods = false)
class AdminPageRoute implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/admin", "/admin/");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }
}
