package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.lianxin.recording.HashChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment on disk, from its Matroska header to the sealed file: written as {@code <trackId>-<index>.mkv.part}
 * (audio, and video if the segment has it; each complete 1 s cluster reaches the file at once, so a crash loses
 * about the last second), then closed with its trailer, fsynced, renamed to {@code <trackId>-<index>.mkv} and hashed
 * ({@link #seal}). {@link #close close(false)} leaves the {@code .part} as a crash would. Capture thread only.
 */
final class SegmentFile {

    private static final Logger log = LoggerFactory.getLogger(SegmentFile.class);

    private final String trackId;
    private final int index;
    private final Path file;
    private final Path part;
    private final boolean startsOnKeyframe;
    private final boolean video;
    private final AVFormatContext out;
    private final SegmentTimeline timeline;
    private int writeErrors;

    private SegmentFile(String trackId, int index, Path file, Path part, boolean startsOnKeyframe, long baseMs,
                        boolean video, AVFormatContext out) {
        this.trackId = trackId;
        this.index = index;
        this.file = file;
        this.part = part;
        this.startsOnKeyframe = startsOnKeyframe;
        this.video = video;
        this.out = out;
        this.timeline = new SegmentTimeline(baseMs);
    }

    /**
     * Creates the {@code .part} file and writes the Matroska header: an audio stream, and with {@code video} a video
     * stream of {@code width} x {@code height}, both with the input's codec parameters and a 1 ms time base.
     *
     * @param baseMs where the file's time 0 is on the track's clock
     */
    static SegmentFile open(TrackSpec spec, int index, RtpInput input, boolean video, int width, int height,
                            boolean startsOnKeyframe, long baseMs) throws IOException {
        Path file = spec.spoolDir().resolve(String.format("%s-%06d.mkv", spec.trackId(), index));
        Path part = file.resolveSibling(file.getFileName() + ".part");
        AVFormatContext out = new AVFormatContext(null);
        Ffmpeg.check(avformat_alloc_output_context2(out, null, "matroska", (String) null), "matroska muxer");
        try {
            AVStream audio = avformat_new_stream(out, null);
            Ffmpeg.check(avcodec_parameters_copy(audio.codecpar(), input.codecParameters(RtpInput.AUDIO)),
                    "audio parameters");
            audio.codecpar().codec_tag(0);
            opusHeadIfMissing(audio.codecpar());
            audio.time_base(av_make_q(1, 1000));
            if (video) {
                AVStream v = avformat_new_stream(out, null);
                Ffmpeg.check(avcodec_parameters_copy(v.codecpar(), input.codecParameters(RtpInput.VIDEO)),
                        "video parameters");
                v.codecpar().codec_tag(0);
                v.codecpar().width(width);
                v.codecpar().height(height);
                v.time_base(av_make_q(1, 1000));
            }
            AVIOContext pb = new AVIOContext(null);
            Ffmpeg.check(avio_open(pb, "file:" + part, AVIO_FLAG_WRITE), "open " + part);
            out.pb(pb);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "write_crc32", "0", 0);
            // clusters of 1 s (default 5 s) are held in memory until complete: what a crash can lose of the .part
            av_dict_set(options, "cluster_time_limit", "1000", 0);
            // and each complete cluster goes to the file at once (without this FFmpeg's I/O buffer held
            // 256 KiB, 4-5 s of a call, so the .part stayed empty that long)
            av_dict_set(options, "flush_packets", "1", 0);
            int r = avformat_write_header(out, options);
            av_dict_free(options);
            Ffmpeg.check(r, "matroska header");
            for (int i = 0; i < out.nb_streams(); i++) {
                if (out.streams(i).time_base().num() != 1 || out.streams(i).time_base().den() != 1000) {
                    throw new IOException("unexpected Matroska time base");
                }
            }
            return new SegmentFile(spec.trackId(), index, file, part, startsOnKeyframe, baseMs, video, out);
        } catch (IOException | RuntimeException e) {
            if (out.pb() != null && !out.pb().isNull()) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
            throw e;
        }
    }

    int index() {
        return index;
    }

    /** Whether it has a video stream. */
    boolean hasVideo() {
        return video;
    }

    SegmentTimeline timeline() {
        return timeline;
    }

    /**
     * Writes {@code pkt} of {@code stream} ({@link RtpInput#AUDIO}/{@link RtpInput#VIDEO}), at {@code ms} on the
     * track's clock and lasting {@code durationMs}, at the timestamp its {@link SegmentTimeline} gives.
     *
     * @return false when the muxer refused it (the first refusal per segment is logged)
     */
    boolean write(AVPacket pkt, int stream, long ms, long durationMs) {
        long ts = timeline.timestamp(stream, ms);
        pkt.stream_index(stream == RtpInput.AUDIO ? 0 : 1);
        pkt.pts(ts);
        pkt.dts(ts);
        pkt.duration(durationMs);
        pkt.pos(-1);
        int r = av_write_frame(out, pkt);
        if (r < 0) {
            if (writeErrors++ == 0) {
                log.warn("track {}: writing segment {} failed: {}", trackId, index, Ffmpeg.error(r));
            }
            return false;
        }
        timeline.written(stream, ts, durationMs);
        return true;
    }

    /**
     * Closes the file, with the Matroska trailer (index, duration) or, for an abort, without, and then as a
     * crash would: what FFmpeg still held in memory (its I/O buffer, the open cluster) never reaches the file.
     */
    void close(boolean trailer) {
        int r = trailer ? av_write_trailer(out) : 0;
        if (r < 0) {
            log.warn("segment {}: finishing Matroska failed: {}", part.getFileName(), Ffmpeg.error(r));
        }
        AVIOContext pb = out.pb();
        out.pb(null);
        if (!trailer) {
            pb.buf_ptr(pb.buffer()); // nothing left to flush: avio_closep writes nothing more
            pb.buf_ptr_max(pb.buffer());
        }
        avio_closep(pb);
        avformat_free_context(out);
    }

    /** Deletes the (closed) {@code .part} file: a segment with nothing in it. */
    void discard() throws IOException {
        Files.deleteIfExists(part);
    }

    /**
     * Makes the closed file a segment: fsynced, renamed from {@code .part} (and the folder fsynced), hashed.
     *
     * @param last        whether the track ends with it
     * @param nextStartMs where the next segment starts (track clock) when not {@code last}: this one covers the
     *                    time up to there
     */
    ClosedSegment seal(boolean last, long nextStartMs, TrackClock clock) throws IOException {
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("could not fsync {}: {}", file.getParent(), e.toString());
        }
        String sha256 = HashChain.sha256Hex(file);
        long size = Files.size(file);
        long first = timeline.baseMs();
        long duration = timeline.coveredMs(last, nextStartMs);
        return new ClosedSegment(trackId, index, file, clock.wallTime(first), clock.wallTime(first + duration),
                first, duration, size, sha256, timeline.audioPackets(), timeline.videoPackets(), startsOnKeyframe,
                last);
    }

    /** Matroska wants an OpusHead as codec private data; RTP carries none (RFC 7587: 2 channels, 48 kHz). */
    private static void opusHeadIfMissing(AVCodecParameters par) {
        if (par.extradata_size() > 0) {
            return;
        }
        int channels = Math.max(1, Math.min(2, par.ch_layout().nb_channels()));
        byte[] head = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, (byte) channels, 0, 0,
                (byte) 0x80, (byte) 0xBB, 0, 0, 0, 0, 0};
        BytePointer data = new BytePointer(av_mallocz(head.length + 64));
        data.put(head, 0, head.length);
        par.extradata(data);
        par.extradata_size(head.length);
    }
}
