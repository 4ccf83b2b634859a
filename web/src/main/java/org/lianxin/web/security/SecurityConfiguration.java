package org.lianxin.web.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lianxin.scheduler.Role;
import org.lianxin.web.problem.DatabaseDown;
import org.lianxin.web.problem.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Form login for the pages (custom page at /login), HTTP Basic for API clients, CSRF with the cookie token
 * (XSRF-TOKEN cookie readable by scripts, sent back as X-XSRF-TOKEN or _csrf) for browser sessions; requests
 * with HTTP Basic credentials skip CSRF. Unauthenticated API calls get a 401 problem, pages a redirect.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Requests that carry HTTP Basic credentials: API clients, not cookie sessions, so no CSRF token needed. */
    static final RequestMatcher BASIC_AUTH = request -> {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
    };

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/"); // machines: 401/403 problems, no login page
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<Refusals> refusals, JdbcClient jdbc,
                                            ApplicationEventPublisher events) throws Exception {
        AuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (isApi(request) && DatabaseDown.is(e)) {
                // the user could not be looked up: not "log in first" but the database, say so (issue 14)
                response.setHeader("Retry-After", String.valueOf(DatabaseDown.RETRY_AFTER_SECONDS));
                Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", DatabaseDown.DETAIL,
                        request.getRequestURI());
            } else if (isApi(request)) {
                if (BASIC_AUTH.matches(request)) response.setHeader("WWW-Authenticate", "Basic realm=\"lianxin\"");
                Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "log in first (form login or HTTP Basic)", request.getRequestURI());
            } else {
                pages.commence(request, response, e);
            }
        };
        AccessDeniedHandler pageDenied = new AccessDeniedHandlerImpl();
        AccessDeniedHandler denied = (request, response, e) -> {
            refusals.ifAvailable(r -> r.refused(request, e instanceof CsrfException ? "csrf" : "forbidden"));
            if (!(e instanceof CsrfException) && isEvaluator()) {
                refuseEvaluator(request, response);
            } else if (!(e instanceof CsrfException) && isApi(request) && fencedDuty() != null) {
                Problems.write(response, HttpStatus.FORBIDDEN, "duty-scope", "the " + fencedDuty()
                        + " role (三员分立) opens only its own page and API", request.getRequestURI());
            } else if (isApi(request) || e instanceof CsrfException) {
                boolean csrf = e instanceof CsrfException;
                Problems.write(response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden",
                        csrf ? "missing or invalid CSRF token (send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN)"
                                : "access denied", request.getRequestURI());
            } else {
                pageDenied.handle(request, response, e);
            }
        };
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/login.html", "/error", "/css/**", "/js/**", "/i18n/**",
                                "/favicon.ico", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/actuator/health", "/actuator/health/**", "/calendar/*",
                                "/api/v1/audit/public-key")
                        .permitAll()
                        // the node's meters (compose queue, JVM, HTTP): for the system administrators' monitoring
                        .requestMatchers("/actuator/metrics", "/actuator/metrics/**").hasRole("ADMIN")
                        .anyRequest().access(SecurityConfiguration::staffOrFencedEvaluator))
                .formLogin(f -> f.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .usernameParameter("username").passwordParameter("password")
                        .defaultSuccessUrl("/", true)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        // the raw cookie value, as X-XSRF-TOKEN header or _csrf form field (the login form
                        // without JavaScript); csrf.spa() would insist on the masked value for the field
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(BASIC_AUTH))
                .requestCache(r -> r.requestCache(pageRequestCache()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionStamps(jdbc, events), CsrfCookieFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }

    /** Any logged-in user; an evaluator only inside {@link EvaluatorFence}. */
    private static AuthorizationDecision staffOrFencedEvaluator(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        HttpServletRequest r = context.getRequest();
        if (auth.getPrincipal() instanceof LianxinUser u && DutyFence.fences(u.role())) {
            return new AuthorizationDecision(DutyFence.allows(u.role(), r.getMethod(), pathOf(r)));
        }
        if (!evaluator(auth)) return new AuthorizationDecision(true);
        return new AuthorizationDecision(EvaluatorFence.allows(r.getMethod(), pathOf(r)));
    }

    private static boolean evaluator(Authentication auth) {
        return auth.getPrincipal() instanceof LianxinUser u && u.role() == Role.EVALUATOR;
    }

    private static boolean isEvaluator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && evaluator(auth);
    }

    /** The role of the logged-in user if {@link DutyFence} fences it, else null. */
    private static Role fencedDuty() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof LianxinUser u && DutyFence.fences(u.role())
                ? u.role() : null;
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** A staff page: back to the evaluator's own page, which says this one is not for evaluators; else a 403. */
    private static void refuseEvaluator(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = pathOf(request);
        if (EvaluatorFence.isPage(request.getMethod(), path)) {
            response.sendRedirect(request.getContextPath() + EvaluatorFence.PAGE + "?closed="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8));
        } else {
            Problems.write(response, HttpStatus.FORBIDDEN, "evaluator-scope",
                    "an evaluator's account opens only the matters it was drawn to score", path);
        }
    }

    /** Remembers only page requests for after login; API calls never create a session by failing. */
    private static HttpSessionRequestCache pageRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> !isApi(request) && "GET".equals(request.getMethod()));
        return cache;
    }

    /** Loads the deferred CSRF token on every request so the XSRF-TOKEN cookie is set from the first GET. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) token.getToken();
            chain.doFilter(request, response);
        }
    }

}
