package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import java.util.List;

/** The H.264 encoder the bundled FFmpeg offers: libx264 (GPL build) or else OpenH264 (LGPL build). */
final class H264Encoders {

    static final List<String> PREFERRED = List.of("libx264", "libopenh264");

    private H264Encoders() {
    }

    static String pick() {
        for (String name : PREFERRED) {
            if (avcodec_find_encoder_by_name(name) != null) {
                return name;
            }
        }
        throw new ComposeException("the bundled FFmpeg has no H.264 encoder (looked for " + PREFERRED + ")");
    }
}
