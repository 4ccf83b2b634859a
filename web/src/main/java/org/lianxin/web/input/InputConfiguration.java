package org.lianxin.web.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;

/**
 * Wires the input rules: into the JSON reader (text, dates; a fraction is no integer), into the reading of paths
 * and query strings (ids, integers, ISO dates — the formatters added here are asked before Spring's own), and the
 * Content-Type check before a handler reads a body.
 */
@Configuration(proxyBeanMethods = false)
public class InputConfiguration implements WebMvcConfigurer {

    @Bean
    JacksonModule inputRulesModule() {
        return InputDeserializers.module();
    }

    @Bean
    JsonMapperBuilderCustomizer integersAreIntegers() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Long.class, new StrictNumbers.Ids());
        registry.addConverter(String.class, Integer.class, new StrictNumbers.Integers());
        registry.addFormatterForFieldType(LocalDate.class, new IsoDate<>(LocalDate::parse));
        registry.addFormatterForFieldType(LocalDateTime.class, new IsoDate<>(LocalDateTime::parse));
        registry.addFormatterForFieldType(OffsetDateTime.class, new IsoDate<>(OffsetDateTime::parse));
        registry.addFormatterForFieldType(Instant.class, new IsoDate<>(Instant::parse));
        registry.addFormatterForFieldType(YearMonth.class, new IsoDate<>(YearMonth::parse));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConcreteContentType());
    }

    /** An ISO-8601 value of a path or query string (java.time's own parse), inside the {@link DateWindow}. */
    private record IsoDate<T>(Function<CharSequence, T> parse) implements Formatter<T> {
        @Override
        public T parse(String text, Locale locale) throws DateTimeParseException {
            return DateWindow.check(parse.apply(text));
        }

        @Override
        public String print(T value, Locale locale) {
            return value.toString();
        }
    }
}
