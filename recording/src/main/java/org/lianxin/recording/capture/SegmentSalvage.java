package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * What a crash left of a track's open segment (its {@code <trackId>-<index>.mkv.part}: the Matroska clusters written
 * up to about a second before the crash, without index or duration) made into a complete segment: every packet that
 * can still be read is copied, in order and with its timestamps (no decoding), into a new Matroska file that gets the
 * trailer a close would have written.
 */
public final class SegmentSalvage {

    /**
     * @param file       the complete segment
     * @param durationMs its media time: from its time 0 to the end of its last packet
     * @param packets    how many packets it holds
     */
    public record Salvaged(Path file, long durationMs, long packets) {
    }

    private SegmentSalvage() {
    }

    /**
     * Reads {@code part} as far as it goes and writes what it holds to {@code out} (replaced if it exists).
     *
     * @return the salvaged segment, or empty (and no {@code out}) when {@code part} holds no readable packet
     * @throws IOException when {@code out} cannot be written
     */
    public static Optional<Salvaged> salvage(Path part, Path out) throws IOException {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(out, "out");
        Files.deleteIfExists(out);
        Ffmpeg.loadNatives();
        AVFormatContext in = new AVFormatContext(null);
        if (Files.size(part) == 0 || avformat_open_input(in, part.toString(), null, null) < 0) {
            return Optional.empty();
        }
        AVFormatContext mux = null;
        AVPacket pkt = av_packet_alloc();
        boolean written = false;
        try {
            int streams = in.nb_streams();
            int[] map = new int[streams];
            Arrays.fill(map, -1);
            mux = new AVFormatContext(null);
            check(avformat_alloc_output_context2(mux, null, "matroska", (String) null), "matroska muxer");
            for (int i = 0; i < streams; i++) {
                AVStream s = in.streams(i);
                int type = s.codecpar().codec_type();
                if (type != AVMEDIA_TYPE_AUDIO && type != AVMEDIA_TYPE_VIDEO) {
                    continue;
                }
                AVStream o = avformat_new_stream(mux, null);
                check(avcodec_parameters_copy(o.codecpar(), s.codecpar()), "stream parameters");
                o.codecpar().codec_tag(0);
                o.time_base(av_make_q(1, 1000));
                map[i] = o.index();
            }
            long packets = 0;
            long endMs = 0;
            long[] lastDts = new long[streams];
            Arrays.fill(lastDts, Long.MIN_VALUE);
            while (av_read_frame(in, pkt) >= 0) {
                try {
                    int si = pkt.stream_index();
                    if (si >= streams || map[si] < 0 || pkt.pts() == AV_NOPTS_VALUE) {
                        continue;
                    }
                    if (!written) {
                        AVIOContext pb = new AVIOContext(null);
                        check(avio_open(pb, "file:" + out, AVIO_FLAG_WRITE), "open " + out);
                        mux.pb(pb);
                        check(avformat_write_header(mux, (AVDictionary) null), "matroska header");
                        written = true;
                    }
                    AVRational from = in.streams(si).time_base();
                    AVRational to = mux.streams(map[si]).time_base();
                    pkt.stream_index(map[si]);
                    pkt.pos(-1);
                    av_packet_rescale_ts(pkt, from, to);
                    if (pkt.dts() == AV_NOPTS_VALUE) {
                        pkt.dts(pkt.pts());
                    }
                    if (pkt.dts() <= lastDts[si]) {
                        continue; // the muxer refuses it; cannot happen in what the capture wrote
                    }
                    if (av_write_frame(mux, pkt) < 0) {
                        continue;
                    }
                    lastDts[si] = pkt.dts();
                    packets++;
                    long ms = (pkt.pts() + Math.max(0, pkt.duration())) * 1000L * to.num() / to.den();
                    endMs = Math.max(endMs, ms);
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (!written) {
                return Optional.empty();
            }
            check(av_write_trailer(mux), "matroska trailer");
            return Optional.of(new Salvaged(out, endMs, packets));
        } catch (IOException | RuntimeException e) {
            written = false;
            throw e;
        } finally {
            av_packet_free(pkt);
            avformat_close_input(in);
            if (mux != null) {
                if (mux.pb() != null && !mux.pb().isNull()) {
                    AVIOContext pb = mux.pb();
                    mux.pb(null);
                    avio_closep(pb);
                }
                avformat_free_context(mux);
            }
            if (!written) {
                Files.deleteIfExists(out);
            }
        }
    }

    private static void check(int r, String what) throws IOException {
        if (r < 0) {
            throw new IOException(what + ": " + Ffmpeg.error(r));
        }
    }
}
