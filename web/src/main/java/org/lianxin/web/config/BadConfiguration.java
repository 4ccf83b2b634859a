package org.lianxin.web.config;

import java.util.List;

/** The application cannot start with this configuration: every problem found, one line each, key first. */
public final class BadConfiguration extends IllegalStateException {
    private final List<String> problems;

    public BadConfiguration(List<String> problems) {
        super("Bad configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
