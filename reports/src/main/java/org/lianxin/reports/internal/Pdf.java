package org.lianxin.reports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A small flow layout on A4 portrait: headings and paragraphs that wrap (Chinese anywhere, Latin at spaces), tables
 * whose cells wrap and whose rows go on to the next page with the header repeated, and on every page a footer with the
 * page number. One document per instance; {@link #finish} saves it.
 */
final class Pdf implements AutoCloseable {
    static final float MARGIN = 48;
    private static final PDRectangle A4 = PDRectangle.A4;
    private static final float BODY = 9.5f;
    private static final float CELL_PAD = 3;

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private final CmapLookup glyphs;
    private PDPageContentStream out;
    private float y;

    /** A document embedding a subset of {@code cjk} (which stays open: one document at a time may use it). */
    Pdf(CjkFont.Opened cjk, String title) {
        try {
            font = PDType0Font.load(doc, cjk.font(), true);
            glyphs = cjk.font().getUnicodeCmapLookup();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the PDF font", e);
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Lianxin (连心)");
        newPage();
    }

    float width() {
        return A4.getWidth() - 2 * MARGIN;
    }

    void heading(String text, float size) {
        space(size * 0.6f);
        paragraph(text, size);
        space(size * 0.2f);
    }

    void paragraph(String text, float size) {
        for (String line : wrap(clean(text), size, width())) {
            ensure(size * 1.4f);
            write(line, MARGIN, y - size, size);
            y -= size * 1.4f;
        }
    }

    void body(String text) {
        paragraph(text, BODY);
    }

    void space(float points) {
        y -= points;
    }

    /** A table: {@code widths} as shares of the text width; the header row is repeated on each page it spans. */
    void table(float[] widths, List<String> header, List<List<String>> rows) {
        float total = 0;
        for (float w : widths) total += w;
        float[] cols = new float[widths.length];
        for (int i = 0; i < widths.length; i++) cols[i] = widths[i] / total * width();
        float size = BODY - 0.5f;
        row(cols, header, size, true);
        for (List<String> r : rows) {
            List<List<String>> cells = cells(cols, r, size);
            if (y - height(cells, size) < MARGIN + 20) {
                newPage();
                row(cols, header, size, true);
            }
            draw(cols, cells, size, false);
        }
        space(6);
    }

    private void row(float[] cols, List<String> values, float size, boolean header) {
        List<List<String>> cells = cells(cols, values, size);
        ensure(height(cells, size));
        draw(cols, cells, size, header);
    }

    private List<List<String>> cells(float[] cols, List<String> values, float size) {
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) {
            String v = i < values.size() && values.get(i) != null ? values.get(i) : "";
            cells.add(wrap(clean(v), size, cols[i] - 2 * CELL_PAD));
        }
        return cells;
    }

    private static float height(List<List<String>> cells, float size) {
        int lines = 1;
        for (List<String> c : cells) lines = Math.max(lines, c.size());
        return lines * size * 1.3f + 2 * CELL_PAD;
    }

    private void draw(float[] cols, List<List<String>> cells, float size, boolean header) {
        float h = height(cells, size);
        try {
            float x = MARGIN;
            if (header) {
                out.setNonStrokingColor(0.92f, 0.94f, 0.97f);
                out.addRect(MARGIN, y - h, width(), h);
                out.fill();
                out.setNonStrokingColor(0f, 0f, 0f);
            }
            out.setLineWidth(0.4f);
            for (int i = 0; i < cols.length; i++) {
                out.addRect(x, y - h, cols[i], h);
                float ty = y - CELL_PAD - size;
                for (String line : cells.get(i)) {
                    write(line, x + CELL_PAD, ty, size);
                    ty -= size * 1.3f;
                }
                x += cols[i];
            }
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= h;
    }

    private void ensure(float needed) {
        if (y - needed < MARGIN + 20) newPage();
    }

    private void newPage() {
        try {
            if (out != null) out.close();
            PDPage page = new PDPage(A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text, float x, float baseline, float size) {
        if (text.isEmpty()) return;
        try {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, baseline);
            out.showText(text);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the footer ({@code left}, then "第 i 页 / 共 n 页 · Page i of n") to every page and saves. */
    byte[] finish(String left) {
        try {
            out.close();
            out = null;
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String page = "第 " + (i + 1) + " 页 / 共 " + n + " 页 · Page " + (i + 1) + " of " + n;
                    float size = 7.5f;
                    foot.beginText();
                    foot.setFont(font, size);
                    foot.newLineAtOffset(MARGIN, MARGIN - 14);
                    foot.showText(clean(left));
                    foot.endText();
                    foot.beginText();
                    foot.setFont(font, size);
                    foot.newLineAtOffset(A4.getWidth() - MARGIN - textWidth(page, size), MARGIN - 14);
                    foot.showText(page);
                    foot.endText();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) out.close();
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- text

    float textWidth(String s, float size) {
        try {
            return font.getStringWidth(s) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Characters the font has no glyph for (and control characters) become '?', so that a name never breaks a PDF. */
    String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || cp == '\r') {
                b.append(' ');
            } else if (Character.isISOControl(cp) || glyphs.getGlyphId(cp) == 0) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Greedy lines: a Latin word stays whole unless it alone is too long; Chinese breaks between any characters. */
    List<String> wrap(String text, float size, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float width = 0;
        for (String token : tokens(text)) {
            float w = textWidth(token, size);
            if (width + w <= max || line.length() == 0 && w <= max) {
                line.append(token);
                width += w;
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            String rest = token.stripLeading();
            while (textWidth(rest, size) > max && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && textWidth(rest.substring(0, cut), size) > max) cut--;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
            width = textWidth(rest, size);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString().stripTrailing());
        return lines;
    }

    /** Each CJK character alone; a run of other characters up to and including the spaces after it. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean wide = Character.isIdeographic(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00
                    && cp <= 0xFFEF);
            if (wide) {
                if (run.length() > 0) out.add(run.toString());
                run.setLength(0);
                out.add(text.substring(i, i + n));
            } else {
                if (cp != ' ' && run.length() > 0 && run.charAt(run.length() - 1) == ' ') {
                    out.add(run.toString());
                    run.setLength(0);
                }
                run.appendCodePoint(cp);
            }
            i += n;
        }
        if (run.length() > 0) out.add(run.toString());
        return out;
    }
}
