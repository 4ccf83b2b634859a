package org.lianxin.web.evaluation;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The third-party evaluation's static pages: {@code /evaluation/}, an evaluator's own (and only) page, and
 * {@code /evaluation/draws/}, the draws and the pool of the offices' administrators and reviewers.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationPageRoutes implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : new String[] {"evaluation", "evaluation/draws"}) {
            registry.addRedirectViewController("/" + page, "/" + page + "/");
            registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
        }
    }
}
