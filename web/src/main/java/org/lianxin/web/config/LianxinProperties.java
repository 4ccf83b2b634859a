package org.lianxin.web.config;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Application-wide keys under {@code lianxin}.
 *
 * @param dataDir folder for the H2 database, the generated identity key and the demo password (default ./data)
 * @param demo    demo data (dev profile only)
 */
@ConfigurationProperties("lianxin")
@Validated
public record LianxinProperties(@NotNull @DefaultValue("./data") Path dataDir, @DefaultValue Demo demo) {

    /** @param password password of every demo user; unset: generated once into {@code ${lianxin.data-dir}/demo-password} */
    public record Demo(String password) {
    }
}
