package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
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
 * passed its time (at most {@link AudioHold#AUDIO_HOLD_MS} later), so that the audio after a cutting keyframe lands
 * in the segment the keyframe starts even though the keyframe arrives after it; timestamps increase strictly per
 * stream (a packet that would repeat the previous one's millisecond is put 1 ms after it).
 *
 * <p>This class is the capture's lifecycle: its thread, the read loop, how it stops. Its parts, in this package:
 * <ul>
 *   <li>{@link RtpInput}: the UDP ports, the SDP and FFmpeg's RTP demuxer;</li>
 *   <li>{@link TrackMuxer}: what happens to each packet, from the demuxer to the segment sink;</li>
 *   <li>{@link TrackClock}: the track's clock (pure);</li>
 *   <li>{@link Segmenter}: where segments are cut and when a keyframe is asked for (pure);</li>
 *   <li>{@link AudioHold}: audio held until the video passed its time (pure);</li>
 *   <li>{@link SegmentTimeline}: each file's timestamps and the time it covers (pure);</li>
 *   <li>{@link SegmentFile}: one Matroska file: header, 1 s clusters, trailer, fsync, rename, SHA-256;</li>
 *   <li>{@link Ffmpeg}: loading FFmpeg, its log level and error texts.</li>
 * </ul>
 */
public final class TrackCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackCapture.class);

    /** close()/abort() wait at most this long for the capture thread (the requirement is < 2 s). */
    private static final long STOP_WAIT_MS = 1800;
    private static final int FINISH = 1;
    private static final int ABORT = 2;

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
    private final RtpInput input;
    private final TrackMuxer muxer;
    private final Thread thread;
    private volatile int stopMode;

    private TrackCapture(TrackSpec spec, RtpInput input, TrackMuxer muxer) {
        this.spec = spec;
        this.input = input;
        this.muxer = muxer;
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
        Ffmpeg.loadNatives();
        RtpInput input = RtpInput.open(spec, settings);
        TrackCapture capture = new TrackCapture(spec, input, new TrackMuxer(spec, settings, input, keyframes, sink));
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
        return muxer.stats();
    }

    /**
     * Finishes: the open segment is closed where it is (keyframe or not), fsynced and handed to the sink
     * with {@code last = true} (nothing is delivered if no packet ever arrived); the ports are released.
     * Returns when that is done, or after at most about 2 s (the thread then completes on its own). Does nothing
     * (and throws nothing) when the capture already stopped on its own ({@link #isRunning()} false).
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

    /**
     * {@code AVERROR(ETIMEDOUT)} on Linux: FFmpeg's RTP/SDP demuxer gives up a read after 10 s without a packet
     * ({@code READ_PACKET_TIMEOUT_S} in libavformat/rtsp.c), which is not the end of the media.
     */
    private static final int AVERROR_ETIMEDOUT = -110;

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
                    if (r == AVERROR_EAGAIN() || r == AVERROR_ETIMEDOUT) {
                        // ETIMEDOUT: no packet for 10 s (the link to the media node is down, or a feed is silent);
                        // the forwarder and the session go on, so does the capture (closed or aborted by its owner)
                        continue;
                    }
                    reason = "input failed: " + Ffmpeg.error(r);
                    log.warn("track {}: reading RTP failed ({}), finishing", spec.trackId(), Ffmpeg.error(r));
                    break;
                }
                try {
                    muxer.packet(pkt);
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (stopMode == ABORT) {
                reason = "aborted";
                muxer.abort();
            } else {
                muxer.finish();
            }
        } catch (IOException | RuntimeException e) {
            reason = "failed: " + e;
            log.warn("track {}: capture failed: {}", spec.trackId(), e.toString());
            log.debug("track {}: capture failure", spec.trackId(), e);
            muxer.abort();
        } finally {
            av_packet_free(pkt);
            muxer.release();
            input.close();
            Stats s = muxer.stats();
            log.info("track {}: stopped ({}): {} segments, {} audio / {} video packets, {} keyframe requests",
                    spec.trackId(), reason, s.segmentsClosed(), s.audioPackets(), s.videoPackets(),
                    s.keyframeRequests());
            MDC.remove("track");
        }
    }
}
