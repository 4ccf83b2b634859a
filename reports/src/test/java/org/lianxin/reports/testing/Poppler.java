package org.lianxin.reports.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Debian's poppler-utils on a PDF, as a reader would see it: its text ({@code pdftotext -layout}), its fonts
 * ({@code pdffonts}), its pages as images ({@code pdftoppm}). {@code ./lianxin test} installs poppler-utils. Shared with
 * the web module's tests through this module's test-jar.
 */
public final class Poppler {
    private final Path dir;
    private final Path pdf;

    public Poppler(byte[] bytes) throws IOException {
        dir = Files.createTempDirectory("lianxin-pdf");
        pdf = dir.resolve("bulletin.pdf");
        Files.write(pdf, bytes);
    }

    public String text() throws IOException, InterruptedException {
        return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    public String fonts() throws IOException, InterruptedException {
        return run("pdffonts", pdf.toString());
    }

    /** For each page rendered at 40 dpi: the number of pixels that are not (nearly) white. */
    public List<Integer> inkPerPage() throws IOException, InterruptedException {
        run("pdftoppm", "-r", "40", "-png", pdf.toString(), dir.resolve("page").toString());
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        List<Integer> ink = new ArrayList<>();
        for (Path page : pages) {
            BufferedImage image = ImageIO.read(page.toFile());
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (r + g + b < 3 * 200) n++;
                }
            }
            ink.add(n);
        }
        return ink;
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }
}
