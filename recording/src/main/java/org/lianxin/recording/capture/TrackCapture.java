package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
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
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
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
import java.time.Instant;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.lianxin.recording.HashChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records one publisher's forwarded RTP (Opus audio + VP8 video) into Matroska segments of about
 * {@link CaptureSettings#segmentLength()}, each starting on a video keyframe, by remuxing (no decoding)
 * with FFmpeg. One thread per track, blocked in FFmpeg's UDP poll between packets.
 *
 * <p>Usage: {@link #open} (binds the ports and returns when packets can arrive), then start the
 * forwarder to {@link #audioPort()} / {@link #videoPort()} and request a keyframe; {@link #close()} at
 * the end. The open segment is written as {@code <trackId>-<index>.mkv.part} and renamed when it is
 * complete, fsynced and hashed, just before the {@link SegmentSink} gets it: a crash loses at most the
 * open segment (its {@code .part} file stays, readable up to its last cluster).
 *
 * <p>Timestamps: the track has its own clock (ms since its first packet, audio and video aligned by the
 * arrival of their first packets, then by their RTP timestamps). Each file starts at 0;
 * {@link ClosedSegment#firstPtsMs()} places it on the track's clock, where segment N+1 begins where N
 * ended, so the segments concatenate without gaps, jumps or overlaps. Audio is written once the video has
 * passed its time (at most {@link AudioHold#AUDIO_HOLD_MS} later), so that the audio after a cutting keyframe lands in
 * the segment the keyframe starts even though the keyframe arrives after it; timestamps increase strictly per
 * stream (a packet that would repeat the previous one's millisecond is put 1 ms after it).
 */
public final class TrackCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackCapture.class);

    private static final int AUDIO = RtpInput.AUDIO;
    private static final int VIDEO = RtpInput.VIDEO;
    /** close()/abort() wait at most this long for the capture thread (the requirement is < 2 s). */
    private static final long STOP_WAIT_MS = 1800;
    private static final int FINISH = 1;
    private static final int ABORT = 2;

    static {
        Ffmpeg.errorsOnlyUnlessChosen();
    }

    /**
     * Loads FFmpeg's native libraries now (they unpack and load on first use: about 1 s, more on a busy
     * machine), so that the first {@link #open} starts as fast as later ones. Call at application start.
     */
    public static void loadNatives() {
        Ffmpeg.loadNatives();
    }

    /** What a capture has seen so far. {@code lastPacketAt} is null before the first packet. */
    public record Stats(long audioPackets, long videoPackets, long bytes, int segmentsClosed, long keyframeRequests,
                        Instant lastPacketAt) {
    }

    private final TrackSpec spec;
    private final KeyframeRequester keyframes;
    private final SegmentSink sink;
    private final Segmenter segmenter;
    private final RtpInput input;
    private final TrackClock clock;
    private final Thread thread;
    private volatile int stopMode;

    // written by the capture thread only; published by the volatile write of lastPacketNanos
    private long audioPackets;
    private long videoPackets;
    private long bytes;
    private int segmentsClosed;
    private long keyframeRequests;
    private volatile long lastPacketNanos;

    // capture thread only
    private final long[] lastWrittenMs = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final byte[] head = new byte[Vp8.HEADER];
    private final AudioHold<AVPacket> audio = new AudioHold<>();
    private final AudioHold.Out<AVPacket> writeHeld = this::writeHeld;
    private int nextIndex;
    private Segment segment;

    private TrackCapture(TrackSpec spec, CaptureSettings settings, KeyframeRequester keyframes, SegmentSink sink,
                         RtpInput input) {
        this.spec = spec;
        this.keyframes = keyframes;
        this.sink = sink;
        this.input = input;
        this.segmenter = new Segmenter(settings.segmentLength().toMillis(), settings.keyframeLead().toMillis(),
                settings.keyframeRetry().toMillis(), settings.maxSegmentLength().toMillis(),
                3 * settings.keyframeRetry().toMillis());
        AVRational a = input.timeBase(AUDIO);
        AVRational v = input.timeBase(VIDEO);
        this.clock = new TrackClock(a.num(), a.den(), v.num(), v.den(), System::currentTimeMillis);
        this.thread = new Thread(this::run, "capture-" + spec.trackId());
        this.thread.setDaemon(true);
    }

    /**
     * Reserves four free UDP ports in [{@code portMin}, {@code portMax}] on {@code spec.bindHost()} and
     * returns once FFmpeg listens on them. Packets sent before this returns are lost.
     *
     * @throws IOException when no ports are free, the spool folder is unusable or FFmpeg cannot listen
     */
    public static TrackCapture open(TrackSpec spec, CaptureSettings settings, KeyframeRequester keyframes,
                                    SegmentSink sink) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(keyframes, "keyframes");
        Objects.requireNonNull(sink, "sink");
        RtpInput input = RtpInput.open(spec, settings);
        TrackCapture capture = new TrackCapture(spec, settings, keyframes, sink, input);
        capture.thread.start();
        log.info("track {}: capturing on {} audio {} video {} (pt {}/{})", spec.trackId(), spec.bindHost(),
                input.audioPort(), input.videoPort(), spec.audioPayloadType(), spec.videoPayloadType());
        return capture;
    }

    public int audioPort() {
        return input.audioPort();
    }

    public int videoPort() {
        return input.videoPort();
    }

    public String trackId() {
        return spec.trackId();
    }

    /** Whether the capture thread still runs (false after close/abort, or after FFmpeg failed reading). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    public Stats stats() {
        long last = lastPacketNanos; // read first: publishes the counters written before it
        Instant lastAt = last == 0 ? null : clock.wallTimeAt(last);
        return new Stats(audioPackets, videoPackets, bytes, segmentsClosed, keyframeRequests, lastAt);
    }

    /**
     * Finishes: the open segment is closed where it is (keyframe or not), fsynced and handed to the sink
     * with {@code last = true} (nothing is delivered if no packet ever arrived); the ports are released.
     * Returns when that is done, or after at most about 2 s (the thread then completes on its own).
     */
    @Override
    public void close() {
        stop(FINISH);
    }

    /**
     * Stops without delivering the open segment, as a crash would: its {@code .part} file stays.
     * Segments closed before were delivered. Returns within about 2 s.
     */
    public void abort() {
        stop(ABORT);
    }

    private void stop(int mode) {
        synchronized (this) {
            if (stopMode == 0) {
                stopMode = mode;
                input.interrupt();
            }
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("track {}: capture thread still finishing after {} ms", spec.trackId(), STOP_WAIT_MS);
        }
    }

    // ------------------------------------------------------------------ capture thread

    private void run() {
        MDC.put("track", spec.trackId());
        AVPacket pkt = av_packet_alloc();
        String reason = "closed";
        try {
            while (true) {
                int r = input.read(pkt);
                if (r < 0) {
                    if (stopMode != 0) {
                        break;
                    }
                    if (r == AVERROR_EAGAIN()) {
                        continue;
                    }
                    reason = "input failed: " + Ffmpeg.error(r);
                    log.warn("track {}: reading RTP failed ({}), finishing", spec.trackId(), Ffmpeg.error(r));
                    break;
                }
                try {
                    handle(pkt);
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (stopMode == ABORT) {
                reason = "aborted";
                abortSegment();
            } else {
                finishTrack();
            }
        } catch (IOException | RuntimeException e) {
            reason = "failed: " + e;
            log.warn("track {}: capture failed: {}", spec.trackId(), e.toString());
            log.debug("track {}: capture failure", spec.trackId(), e);
            abortSegment();
        } finally {
            av_packet_free(pkt);
            releaseHeld();
            input.close();
            log.info("track {}: stopped ({}): {} segments, {} audio / {} video packets, {} keyframe requests",
                    spec.trackId(), reason, segmentsClosed, audioPackets, videoPackets, keyframeRequests);
            MDC.remove("track");
        }
    }

    private void handle(AVPacket pkt) throws IOException {
        int si = pkt.stream_index();
        long pts = pkt.pts();
        if (si > VIDEO || pts == AV_NOPTS_VALUE) {
            return;
        }
        long now = System.nanoTime();
        long ms = clock.ms(si, pts, now);
        int size = pkt.size();
        bytes += size;
        int action;
        if (si == AUDIO) {
            audioPackets++;
            action = segmenter.onAudio(ms);
        } else {
            videoPackets++;
            int n = Math.min(size, Vp8.HEADER);
            pkt.data().get(head, 0, n);
            int dims = Vp8.keyframeDimensions(head, n);
            action = dims < 0 ? segmenter.onVideo(ms, false, 0, 0)
                    : segmenter.onVideo(ms, true, dims >>> 16, dims & 0xFFFF);
        }
        lastPacketNanos = now;
        if (segmenter.askKeyframe()) {
            requestKeyframe();
        }
        switch (action) {
            case Segmenter.WRITE -> {
                if (si == AUDIO) {
                    queueAudio(pkt, ms);
                } else {
                    audio.videoReached(ms, writeHeld);
                    write(pkt, si, ms);
                }
            }
            case Segmenter.BUFFER -> audio.holdForFirstSegment(av_packet_clone(pkt), ms);
            case Segmenter.ROTATE_WRITE -> {
                audio.cutAt(ms, writeHeld); // audio before the cut belongs to the segment that ends
                rotate();
                if (si == AUDIO) {
                    queueAudio(pkt, ms);
                } else {
                    write(pkt, si, ms);
                }
            }
            case Segmenter.ROTATE_DROP -> {
                audio.cutAt(ms, writeHeld);
                rotate();
            }
            default -> {
                // DROP: video before a keyframe
            }
        }
    }

    /** An audio packet for the open segment: written now if it has no video, else once the video passed it. */
    private void queueAudio(AVPacket pkt, long ms) {
        if (segment == null) {
            return;
        }
        if (!segment.video) {
            audio.writeAll(writeHeld);
            write(pkt, AUDIO, ms);
            return;
        }
        audio.queue(av_packet_clone(pkt), ms, writeHeld);
    }

    /** Writes a held audio packet (a clone) to the open segment, if any, and frees it. */
    private void writeHeld(AVPacket packet, long ms) {
        if (segment != null) {
            write(packet, AUDIO, ms);
        }
        av_packet_free(packet);
    }

    private void requestKeyframe() {
        keyframeRequests++;
        try {
            keyframes.requestKeyframe();
        } catch (RuntimeException e) {
            log.debug("track {}: keyframe request failed: {}", spec.trackId(), e.toString());
        }
    }

    private void rotate() throws IOException {
        long base = audio.segmentBase(segmenter.startMs());
        if (segment != null) {
            finishSegment(false, base);
        }
        boolean video = segmenter.video();
        segment = Segment.open(spec, nextIndex++, input, video, segmenter.width(), segmenter.height(),
                segmenter.startsOnKeyframe(), base);
        audio.segmentOpened(video, segmenter.startMs(), writeHeld);
    }

    private void write(AVPacket pkt, int si, long ms) {
        if (ms < lastWrittenMs[si]) {
            return; // out of order beyond the reorder queue: the muxer would refuse it
        }
        Segment s = segment;
        // each file starts at 0 (players, Matroska's duration); an audio packet a little older than the keyframe
        // that opened the segment (arrival jitter) is put at its start
        long ts = s.timeline.timestamp(si, ms);
        long duration;
        if (pkt.duration() > 0) {
            duration = clock.toMs(si, pkt.duration());
        } else if (si == AUDIO) {
            // RTP carries no duration; without it the file's (Matroska) duration ends at the last packet's start
            int n = Math.min(pkt.size(), 2);
            if (n > 0) {
                pkt.data().get(head, 0, n);
            }
            duration = Opus.durationMs(head, n);
        } else {
            duration = 0;
        }
        pkt.stream_index(si == AUDIO ? 0 : 1);
        pkt.pts(ts);
        pkt.dts(ts);
        pkt.duration(duration);
        pkt.pos(-1);
        int r = av_write_frame(s.out, pkt);
        if (r < 0) {
            if (s.writeErrors++ == 0) {
                log.warn("track {}: writing segment {} failed: {}", spec.trackId(), s.index, Ffmpeg.error(r));
            }
            return;
        }
        lastWrittenMs[si] = ms;
        s.timeline.written(si, ts, duration);
    }

    private void finishTrack() throws IOException {
        if (segment == null && audio.holdsAudioBeforeFirstSegment()) {
            segmenter.openForFlush(); // audio only, the video's keyframe never came
            rotate();
        }
        audio.writeAll(writeHeld);
        if (segment != null) {
            finishSegment(true, Long.MIN_VALUE);
        }
    }

    /**
     * @param nextStartMs where the next segment starts (track clock) when not {@code last}: this one covers the
     *                    time up to there
     */
    private void finishSegment(boolean last, long nextStartMs) throws IOException {
        Segment s = segment;
        segment = null;
        s.closeFile(true);
        if (s.timeline.isEmpty() && !last) {
            Files.deleteIfExists(s.part);
            nextIndex--; // nothing in it: the next segment takes its index
            return;
        }
        try (FileChannel ch = FileChannel.open(s.part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(s.part, s.file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(s.file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("could not fsync {}: {}", s.file.getParent(), e.toString());
        }
        String sha256 = HashChain.sha256Hex(s.file);
        long size = Files.size(s.file);
        // the file's time 0 is baseMs; it covers up to where the next one starts, or (the last) to its end
        long first = s.timeline.baseMs();
        long duration = s.timeline.coveredMs(last, nextStartMs);
        ClosedSegment closed = new ClosedSegment(spec.trackId(), s.index, s.file, clock.wallTime(first),
                clock.wallTime(first + duration), first, duration, size, sha256, s.timeline.audioPackets(),
                s.timeline.videoPackets(), s.startsOnKeyframe, last);
        segmentsClosed++;
        log.debug("track {}: segment {} closed: {} ms from {} ms, {} bytes, {} audio / {} video packets, "
                        + "keyframe start {}{}", spec.trackId(), s.index, closed.durationMs(), first, size,
                closed.audioPackets(), closed.videoPackets(), s.startsOnKeyframe, last ? ", last" : "");
        try {
            sink.segmentClosed(closed);
        } catch (RuntimeException e) {
            log.warn("track {}: segment sink failed for segment {}: {}", spec.trackId(), s.index, e.toString());
        }
    }

    private void abortSegment() {
        if (segment != null) {
            segment.closeFile(false);
            segment = null;
        }
    }

    private void releaseHeld() {
        audio.release(p -> av_packet_free(p));
    }

    /** One open Matroska file. */
    private static final class Segment {
        final int index;
        final Path file;
        final Path part;
        final boolean startsOnKeyframe;
        final boolean video;
        final AVFormatContext out;
        final SegmentTimeline timeline;
        int writeErrors;

        private Segment(int index, Path file, Path part, boolean startsOnKeyframe, long baseMs, boolean video,
                        AVFormatContext out) {
            this.index = index;
            this.timeline = new SegmentTimeline(baseMs);
            this.video = video;
            this.file = file;
            this.part = part;
            this.startsOnKeyframe = startsOnKeyframe;
            this.out = out;
        }

        static Segment open(TrackSpec spec, int index, RtpInput input, boolean video, int width, int height,
                            boolean startsOnKeyframe, long baseMs) throws IOException {
            Path file = spec.spoolDir().resolve(String.format("%s-%06d.mkv", spec.trackId(), index));
            Path part = file.resolveSibling(file.getFileName() + ".part");
            AVFormatContext out = new AVFormatContext(null);
            check(avformat_alloc_output_context2(out, null, "matroska", (String) null), "matroska muxer");
            try {
                AVStream audio = avformat_new_stream(out, null);
                check(avcodec_parameters_copy(audio.codecpar(), input.codecParameters(AUDIO)), "audio parameters");
                audio.codecpar().codec_tag(0);
                opusHeadIfMissing(audio.codecpar());
                audio.time_base(av_make_q(1, 1000));
                if (video) {
                    AVStream v = avformat_new_stream(out, null);
                    check(avcodec_parameters_copy(v.codecpar(), input.codecParameters(VIDEO)), "video parameters");
                    v.codecpar().codec_tag(0);
                    v.codecpar().width(width);
                    v.codecpar().height(height);
                    v.time_base(av_make_q(1, 1000));
                }
                AVIOContext pb = new AVIOContext(null);
                check(avio_open(pb, "file:" + part, AVIO_FLAG_WRITE), "open " + part);
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
                check(r, "matroska header");
                for (int i = 0; i < out.nb_streams(); i++) {
                    if (out.streams(i).time_base().num() != 1 || out.streams(i).time_base().den() != 1000) {
                        throw new IOException("unexpected Matroska time base");
                    }
                }
                return new Segment(index, file, part, startsOnKeyframe, baseMs, video, out);
            } catch (IOException | RuntimeException e) {
                if (out.pb() != null && !out.pb().isNull()) {
                    avio_closep(out.pb());
                }
                avformat_free_context(out);
                throw e;
            }
        }

        /**
         * Closes the file, with the Matroska trailer (index, duration) or, for an abort, without, and then as a
         * crash would: what FFmpeg still held in memory (its I/O buffer, the open cluster) never reaches the file.
         */
        void closeFile(boolean trailer) {
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

        private static void check(int r, String what) throws IOException {
            Ffmpeg.check(r, what);
        }
    }
}
