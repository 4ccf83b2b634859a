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

    /** Unpacks and loads the natives now (about 1 s the first time, more on a busy machine). */
    static void loadNatives() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
        org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
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
