package org.lianxin.reports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param fontFile a TrueType font or collection (.ttf, .ttc) with Chinese glyphs, embedded as a subset in every PDF
 *                 (Debian: fonts-wqy-microhei, {@code /usr/share/fonts/truetype/wqy/wqy-microhei.ttc})
 */
public record ReportSettings(Path fontFile) {
    public static final Path DEBIAN_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    public ReportSettings {
        Objects.requireNonNull(fontFile, "fontFile");
    }
}
