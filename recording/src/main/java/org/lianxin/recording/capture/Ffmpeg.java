package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * FFmpeg as a native library, as the capture uses it: loading it ahead of time, its log level, its error codes as
 * text.
 */
final class Ffmpeg {

    private Ffmpeg() {
    }

    private static volatile boolean loaded;

    /**
     * Unpacks and loads the natives now (about 1 s the first time, more on a busy machine), one thread at a time and
     * in one order; returns at once after the first time. Every path into FFmpeg calls this before it touches an
     * FFmpeg class: JavaCPP's loader holds one lock while it initialises the classes a library needs, and each
     * class's static initialiser takes that lock, so two threads initialising different FFmpeg classes at the same
     * time can deadlock (seen: a restart's crash recovery salvaging a segment while the start-up's background load
     * ran hung the start for good).
     */
    static void loadNatives() {
        if (loaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (loaded) {
                return;
            }
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.swresample.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
            try { // JavaCV's own loading (its grabber and recorder also load avdevice and avfilter)
                org.bytedeco.javacv.FFmpegFrameGrabber.tryLoad();
                org.bytedeco.javacv.FFmpegFrameRecorder.tryLoad();
            } catch (org.bytedeco.javacv.FrameGrabber.Exception | org.bytedeco.javacv.FrameRecorder.Exception e) {
                throw new IllegalStateException("FFmpeg could not be loaded: " + e.getMessage(), e);
            }
            errorsOnlyUnlessChosen();
            loaded = true;
        }
    }

    /**
     * FFmpeg's default level (info) prints RTP warnings per lost packet to stderr: errors only, unless someone in
     * this JVM chose a level already.
     */
    static void errorsOnlyUnlessChosen() {
        if (av_log_get_level() == AV_LOG_INFO) {
            av_log_set_level(AV_LOG_ERROR);
        }
    }

    /** FFmpeg's text for an error code, with the code. */
    static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Throws when {@code r} is an FFmpeg error code: "{@code what}: error text (code)". */
    static void check(int r, String what) throws IOException {
        if (r < 0) {
            throw new IOException(what + ": " + error(r));
        }
    }
}
