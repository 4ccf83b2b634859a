package org.lianxin.web.config;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The start-up check: before any bean is made, every module's keys ({@link CheckedProperties}, contributed by the
 * configuration that wires each module) are bound, validated by their annotations and checked by their rules, and
 * if anything is wrong the application stops with <em>every</em> problem listed at once ({@link BadConfiguration}),
 * instead of one module's per restart — the way jicofo and OpenVidu fail fast. The application-wide keys under
 * {@code lianxin} ({@link LianxinProperties}) are always checked: the data folder is where generated secrets are.
 */
@Component
class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {
    private static final Logger log = LoggerFactory.getLogger(ConfigurationCheck.class);
    static final CheckedProperties<LianxinProperties> APPLICATION_KEYS =
            CheckedProperties.annotated("lianxin", LianxinProperties.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<CheckedProperties<?>> modules = new ArrayList<>();
        for (String name : beanFactory.getBeanNamesForType(CheckedProperties.class, true, false)) {
            modules.add(beanFactory.getBean(name, CheckedProperties.class));
        }
        List<String> problems = problems(environment, modules);
        if (!problems.isEmpty()) {
            throw new BadConfiguration(problems);
        }
        log.info("configuration checked: {}", modules.stream().map(CheckedProperties::prefix).toList());
    }

    /** Every problem of the application's keys and of each module's, in that order. */
    static List<String> problems(Environment env, List<CheckedProperties<?>> modules) {
        Binder binder = Binder.get(env);
        List<String> problems = new ArrayList<>();
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            Validator validator = validation.getValidator();
            LianxinProperties app = bind(binder, validator, APPLICATION_KEYS, problems);
            Path dataDir = app != null && app.dataDir() != null ? app.dataDir() : Path.of("./data");
            Secrets secrets = new Secrets(dataDir, env.acceptsProfiles(Profiles.of("prod")));
            for (CheckedProperties<?> m : modules) {
                check(binder, validator, m, secrets, problems);
            }
        }
        return problems;
    }

    private static <T> void check(Binder binder, Validator validator, CheckedProperties<T> module,
                                  Secrets secrets, List<String> problems) {
        T bound = bind(binder, validator, module, problems);
        if (bound != null) {
            module.rules().check(bound, secrets, problems);
        }
    }

    /**
     * The module's properties bound at its prefix, with each key that cannot be read added to {@code problems} (and
     * left null: binding goes on with the other keys), then each annotation broken.
     */
    private static <T> T bind(Binder binder, Validator validator, CheckedProperties<T> module,
                              List<String> problems) {
        Set<String> unreadable = new LinkedHashSet<>();
        BindHandler collecting = new AbstractBindHandler() {
            @Override
            public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                    Exception error) {
                Object value = context.getConfigurationProperty() == null ? null
                        : context.getConfigurationProperty().getValue();
                unreadable.add(name.toString());
                problems.add(name + ": cannot read '" + value + "' as "
                        + target.getType().resolve(Object.class).getSimpleName());
                return null; // go on with the other keys
            }
        };
        T bound;
        try {
            bound = binder.bindOrCreate(module.prefix(), Bindable.of(module.type()), collecting);
        } catch (BindException e) { // the record itself could not be made
            problems.add(module.prefix() + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            return null;
        }
        List<String> broken = new ArrayList<>();
        validate(bound, module.prefix(), validator, unreadable, broken);
        broken.sort(null);
        problems.addAll(broken);
        return bound;
    }

    /**
     * The annotations of {@code bean} and of the records nested in it (as Spring Boot validates configuration
     * properties, nested ones included, but every object and not only the first one that fails); a key that
     * could not be read is not reported again.
     */
    private static void validate(Object bean, String key, Validator validator, Set<String> unreadable,
                                 List<String> problems) {
        for (ConstraintViolation<Object> v : validator.validate(bean)) {
            String k = keyOf(key, v.getPropertyPath().toString());
            if (!unreadable.contains(k)) {
                problems.add(k + ": " + v.getMessage());
            }
        }
        if (!bean.getClass().isRecord()) {
            return;
        }
        for (RecordComponent c : bean.getClass().getRecordComponents()) {
            Object value;
            try {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(bean);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + key + "." + c.getName(), e);
            }
            if (value != null && value.getClass().isRecord() && value.getClass().getName().startsWith("org.lianxin.")) {
                validate(value, keyOf(key, c.getName()), validator, unreadable, problems);
            }
        }
    }

    /** {@code lianxin.scheduler} and {@code checkInOpensBefore} → {@code lianxin.scheduler.check-in-opens-before}. */
    static String keyOf(String prefix, String field) {
        if (field.startsWith(prefix + ".")) {
            return field; // already a key
        }
        StringBuilder key = new StringBuilder(prefix);
        for (String part : field.split("\\.")) {
            key.append('.');
            for (char c : part.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    key.append('-').append(Character.toLowerCase(c));
                } else {
                    key.append(c);
                }
            }
        }
        return key.toString();
    }
}
