package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output picture (YUV 4:2:0, limited range) and its tiles. A decoded frame is scaled straight
 * into its tile (aspect kept, black bars); a tile without current video is black. Labels are drawn
 * with Java2D once per tile and copied over the tile whenever it changes.
 */
final class Canvas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Canvas.class);
    private static final byte BLACK_Y = 16;
    private static final byte NEUTRAL_UV = (byte) 128;

    final int width;
    final int height;
    private final BytePointer data;
    private final ByteBuffer buffer;
    private final Tile[] tiles;

    Canvas(List<String> labels, int tileWidth, int tileHeight) {
        GridLayout grid = GridLayout.of(labels.size());
        this.width = grid.columns() * tileWidth;
        this.height = grid.rows() * tileHeight;
        this.data = new BytePointer((long) width * height * 3 / 2);
        this.buffer = data.asByteBuffer();
        this.tiles = new Tile[labels.size()];
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = new Tile((i % grid.columns()) * tileWidth, (i / grid.columns()) * tileHeight,
                    tileWidth, tileHeight, Label.render(labels.get(i), tileWidth, tileHeight));
        }
        fill(0, 0, width, height);
        for (Tile t : tiles) {
            t.drawLabel();
        }
    }

    Tile tile(int index) {
        return tiles[index];
    }

    int tileCount() {
        return tiles.length;
    }

    /** The whole picture, Y then U then V planes, strides width, width/2, width/2. */
    ByteBuffer picture() {
        return buffer.position(0);
    }

    private void fill(int x, int y, int w, int h) {
        for (int row = y; row < y + h; row++) {
            fillBytes(row * width + x, w, BLACK_Y);
        }
        int uBase = width * height;
        int vBase = uBase + width * height / 4;
        for (int row = y / 2; row < (y + h) / 2; row++) {
            fillBytes(uBase + row * (width / 2) + x / 2, w / 2, NEUTRAL_UV);
            fillBytes(vBase + row * (width / 2) + x / 2, w / 2, NEUTRAL_UV);
        }
    }

    private void fillBytes(int at, int count, byte value) {
        for (int i = 0; i < count; i++) {
            buffer.put(at + i, value);
        }
    }

    @Override
    public void close() {
        for (Tile t : tiles) {
            t.close();
        }
        data.close();
    }

    /** One participant's rectangle. */
    final class Tile {
        final int x;
        final int y;
        final int w;
        final int h;
        private final Label label;
        private SwsContext sws;
        private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
        private final IntPointer dstStride = new IntPointer(4);
        private int srcW = -1;
        private int srcH = -1;
        private boolean showingVideo;

        Tile(int x, int y, int w, int h, Label label) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.label = label;
            dstStride.put(0, width).put(1, width / 2).put(2, width / 2).put(3, 0);
        }

        /** Scales a decoded frame into the tile. */
        void show(AVFrame frame) {
            int fw = frame.width();
            int fh = frame.height();
            if (fw <= 0 || fh <= 0) {
                return;
            }
            if (fw != srcW || fh != srcH || !showingVideo) {
                prepare(fw, fh);
            }
            sws = sws_getCachedContext(sws, fw, fh, frame.format(), fitW, fitH, AV_PIX_FMT_YUV420P,
                    SWS_BILINEAR, null, null, (DoublePointer) null);
            if (sws == null) {
                throw new ComposeException("cannot scale a " + fw + "x" + fh + " frame (pixel format " + frame.format() + ")");
            }
            sws_scale(sws, new PointerPointer<>(frame), frame.linesize(), 0, fh, dst, dstStride);
            drawLabel();
            showingVideo = true;
        }

        /** Turns the tile black (keeps the label); does nothing if it already is. */
        void blank() {
            if (showingVideo) {
                fill(x, y, w, h);
                drawLabel();
                showingVideo = false;
            }
        }

        private int fitW;
        private int fitH;

        private void prepare(int fw, int fh) {
            srcW = fw;
            srcH = fh;
            int ww = w;
            int hh = even((long) w * fh / fw);
            if (hh > h) {
                hh = h;
                ww = even((long) h * fw / fh);
            }
            fitW = Math.max(2, ww);
            fitH = Math.max(2, hh);
            int ox = even((w - fitW) / 2);
            int oy = even((h - fitH) / 2);
            fill(x, y, w, h);
            long yAt = (long) (y + oy) * width + x + ox;
            long uAt = (long) width * height + (long) ((y + oy) / 2) * (width / 2) + (x + ox) / 2;
            long vAt = uAt + (long) width * height / 4;
            dst.put(0, new BytePointer(data).position(yAt));
            dst.put(1, new BytePointer(data).position(uAt));
            dst.put(2, new BytePointer(data).position(vAt));
            dst.put(3, (BytePointer) null);
        }

        private void drawLabel() {
            if (label == null) {
                return;
            }
            int lx = x + 8;
            int ly = y + h - label.height - 8;
            int lw = Math.min(label.width, w - 16);
            if (lw <= 0 || ly < y) {
                return;
            }
            for (int row = 0; row < label.height; row++) {
                buffer.put((ly + row) * width + lx, label.luma, row * label.width, lw);
            }
            int uBase = width * height;
            int vBase = uBase + width * height / 4;
            for (int row = ly / 2; row < (ly + label.height) / 2; row++) {
                fillBytes(uBase + row * (width / 2) + lx / 2, lw / 2, NEUTRAL_UV);
                fillBytes(vBase + row * (width / 2) + lx / 2, lw / 2, NEUTRAL_UV);
            }
        }

        private void close() {
            if (sws != null) {
                sws_freeContext(sws);
                sws = null;
            }
            dst.close();
            dstStride.close();
        }
    }

    private static int even(long v) {
        return (int) (v & ~1L);
    }

    /** A label box: light text on dark grey, as luma bytes; even width and height. */
    record Label(int width, int height, byte[] luma) {

        static Label render(String text, int tileWidth, int tileHeight) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, tileHeight / 20));
                BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D pg = probe.createGraphics();
                FontMetrics fm = pg.getFontMetrics(font);
                pg.dispose();
                int pad = Math.max(4, font.getSize() / 3);
                int w = even(Math.min(tileWidth - 16, fm.stringWidth(text) + 2L * pad) + 1);
                int h = even(fm.getHeight() + pad + 1);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(40, 40, 40));
                g.fillRect(0, 0, w, h);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(new Color(235, 235, 235));
                g.setFont(font);
                g.drawString(text, pad, pad / 2 + fm.getAscent());
                g.dispose();
                byte[] gray = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
                byte[] luma = new byte[gray.length];
                for (int i = 0; i < gray.length; i++) { // full range grey to limited range luma
                    luma[i] = (byte) (16 + (gray[i] & 0xff) * 219 / 255);
                }
                return new Label(w, h, luma);
            } catch (RuntimeException | LinkageError | java.awt.AWTError e) { // no fonts or no AWT: no labels
                log.warn("tile labels disabled, cannot render text: {}", e.toString());
                return null;
            }
        }
    }
}
