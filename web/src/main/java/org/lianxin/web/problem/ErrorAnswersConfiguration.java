package org.lianxin.web.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Errors answered before a controller: the connector's (Tomcat's error report valve, replaced by
 * {@link ConnectorErrorValve}) and Spring Security's firewall (a path with {@code ..}, {@code ;}, {@code //},
 * an encoded percent or period: 400 {@code request-rejected}). The error page is {@link ProblemErrorController}.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorAnswersConfiguration {

    /** After Boot's own customizer, which installs the host's ErrorReportValve: replace it. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorValve() {
        return new ValveCustomizer();
    }

    @Bean
    RequestRejectedHandler problemOnRejectedRequest() {
        return (request, response, rejected) -> {
            if (response.isCommitted()) return;
            boolean api = ErrorBodies.isApi(request.getRequestURI());
            byte[] body = api ? ErrorBodies.problem(400, "request-rejected",
                    "the request's path is not in normal form (no '..', '.', '//', ';' or encoded '%', '.', '/')")
                    : ErrorBodies.text(400);
            response.resetBuffer();
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(api ? "application/problem+json" : "text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        };
    }

    private static final class ValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) host.getPipeline().removeValve(valve);
                }
                host.getPipeline().addValve(new ConnectorErrorValve());
                // else the host adds Tomcat's own report valve when it starts, inside ours, and it answers first
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ConnectorErrorValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
