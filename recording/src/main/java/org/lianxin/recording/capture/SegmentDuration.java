package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * The media length a closed segment says it has (the duration in its Matroska header, written when
 * the segment was closed), for segments known only as files: those a crash left in the spool between
 * their close and their chaining.
 */
public final class SegmentDuration {

    private SegmentDuration() {
    }

    /** The segment's duration in ms, or -1 if the file does not say (unreadable, or no duration). */
    public static long millis(Path segment) {
        Ffmpeg.loadNatives();
        AVFormatContext ic = new AVFormatContext(null);
        if (avformat_open_input(ic, segment.toString(), null, null) < 0) {
            return -1;
        }
        try {
            long us = ic.duration();
            return us == AV_NOPTS_VALUE || us < 0 ? -1 : us / 1_000;
        } finally {
            avformat_close_input(ic);
        }
    }
}
