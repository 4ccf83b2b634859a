package org.lianxin.web.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One module's configuration keys, for the start-up check ({@link ConfigurationCheck}): the prefix, the
 * {@code @ConfigurationProperties} record bound there, and the rules binding cannot state (a time zone that exists,
 * a secret required in prod, a range whose ends depend on each other). The configuration class that wires the
 * module contributes it as a <em>static</em> {@code @Bean} (read before any other bean is made), e.g.
 * {@code SchedulerConfiguration.schedulerKeys()}.
 *
 * @param <T> the properties record
 */
public record CheckedProperties<T>(String prefix, Class<T> type, Rules<T> rules) {

    public CheckedProperties {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rules, "rules");
    }

    /** What binding cannot check. */
    @FunctionalInterface
    public interface Rules<T> {
        /**
         * Adds one line per problem, starting with the key it is about. Called also when some keys could not be
         * bound (they are then null): check only what is there.
         */
        void check(T properties, Secrets secrets, List<String> problems);
    }

    /** The module's keys with no rules beyond their annotations. */
    public static <T> CheckedProperties<T> annotated(String prefix, Class<T> type) {
        return new CheckedProperties<>(prefix, type, (p, s, problems) -> { });
    }

    /**
     * {@code properties} if the rules find nothing (for a bean factory, e.g. in a test without the start-up check).
     *
     * @throws BadConfiguration listing every problem
     */
    public T requireValid(T properties, Secrets secrets) {
        List<String> problems = new ArrayList<>();
        rules.check(properties, secrets, problems);
        if (!problems.isEmpty()) {
            throw new BadConfiguration(problems);
        }
        return properties;
    }
}
