package org.lianxin.web.users;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The route of the accounts and roles page ({@code /users/}, a static file like the other pages). */
@Configuration(proxyBeanMethods = false)
class UsersPage implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/users", "/users/");
        registry.addViewController("/users/").setViewName("forward:/users/index.html");
    }
}
