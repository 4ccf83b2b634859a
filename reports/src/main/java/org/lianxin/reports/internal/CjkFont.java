package org.lianxin.reports.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The Chinese font every PDF embeds (as a subset): a TrueType font (.ttf) or the first font of a collection (.ttc, as
 * Debian's wqy-microhei.ttc). {@link #check} runs at start-up, so a missing font is a clear message then, not a broken
 * PDF later.
 */
final class CjkFont {
    static final String SETTING = "lianxin.reports.font-file";
    private static final String PROBE = "通报排名办结率";

    private CjkFont() {
    }

    /** Opens the font and makes sure it has the glyphs of a bulletin; a message naming the file and the setting. */
    static void check(Path file) {
        if (file == null || !Files.isReadable(file)) {
            throw new IllegalStateException("The PDF font " + file + " is missing or unreadable: install Debian's "
                    + "fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or set " + SETTING
                    + " to a TrueType font (.ttf/.ttc) with Chinese glyphs");
        }
        try (Opened font = open(file)) {
            for (int i = 0; i < PROBE.length(); i++) {
                if (font.font().getUnicodeCmapLookup().getGlyphId(PROBE.charAt(i)) == 0) {
                    throw new IllegalStateException("The PDF font " + file + " (" + SETTING + ") has no Chinese "
                            + "glyphs (no " + PROBE.charAt(i) + "): choose a font with CJK glyphs, e.g. Debian's "
                            + "wqy-microhei.ttc");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("The PDF font " + file + " (" + SETTING + ") cannot be read as TrueType: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The font, read into memory and parsed once (a few MB; no file stays open). PDFs embed subsets of it one after
     * the other (PDFBox leaves a font it was given open), so the caller shares it under a lock.
     */
    static Opened open(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(Files.readAllBytes(file)));
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            collection.processAllFonts(f -> first.compareAndSet(null, f));
            if (first.get() == null) {
                collection.close();
                throw new IOException("the collection holds no font");
            }
            return new Opened(first.get(), collection);
        }
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(Files.readAllBytes(file)));
        return new Opened(font, font);
    }

    /** A font and what to close when done with it. */
    record Opened(TrueTypeFont font, AutoCloseable owner) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                owner.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
