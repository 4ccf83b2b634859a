package org.lianxin.web.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.reports}.
 *
 * @param fontFile      the TrueType font or collection (.ttf/.ttc) with Chinese glyphs every PDF embeds as a subset
 *                      (default Debian's fonts-wqy-microhei: /usr/share/fonts/truetype/wqy/wqy-microhei.ttc); checked
 *                      at start-up
 * @param issueInterval how often the application checks that last month's bulletin of every jurisdiction is issued
 *                      (on the 1st, or at the first check after a stop over the 1st; default 1h; 0 turns it off)
 */
@ConfigurationProperties("lianxin.reports")
@Validated
public record ReportsProperties(
        @NotNull @DefaultValue("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") Path fontFile,
        @NotNull @DefaultValue("1h") Duration issueInterval) {
}
