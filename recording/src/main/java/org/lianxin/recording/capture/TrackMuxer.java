package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread's packet path: every packet of one track from FFmpeg's RTP demuxer into its segment files.
 * Each packet gets its time on the {@link TrackClock}; the {@link Segmenter} says whether it is written, held or
 * dropped, where a segment ends and when to ask for a keyframe ({@link KeyframeRequester}); audio waits in the
 * {@link AudioHold} until the video passed its time; a packet older than the last one written in its stream is
 * dropped (out of order beyond FFmpeg's reorder queue: the muxer would refuse it); the {@link SegmentFile}s are opened,
 * written, closed and sealed here and handed to the {@link SegmentSink} in order. Also counts what it saw
 * ({@link #stats}, readable from any thread). Capture thread only, apart from {@link #stats}.
 */
final class TrackMuxer {

    private static final Logger log = LoggerFactory.getLogger(TrackMuxer.class);
    private static final int AUDIO = RtpInput.AUDIO;
    private static final int VIDEO = RtpInput.VIDEO;

    private final TrackSpec spec;
    private final RtpInput input;
    private final KeyframeRequester keyframes;
    private final SegmentSink sink;
    private final Segmenter segmenter;
    private final TrackClock clock;
    private final AudioHold<AVPacket> audio = new AudioHold<>();
    private final AudioHold.Out<AVPacket> writeHeld = this::writeHeld;
    private final long[] lastWrittenMs = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final byte[] head = new byte[Vp8.HEADER];
    private int nextIndex;
    private SegmentFile segment;

    // written by the capture thread only; published by the volatile write of lastPacketNanos
    private long audioPackets;
    private long videoPackets;
    private long bytes;
    private int segmentsClosed;
    private long keyframeRequests;
    private volatile long lastPacketNanos;

    TrackMuxer(TrackSpec spec, CaptureSettings settings, RtpInput input, KeyframeRequester keyframes,
               SegmentSink sink) {
        this.spec = spec;
        this.input = input;
        this.keyframes = keyframes;
        this.sink = sink;
        this.segmenter = new Segmenter(settings.segmentLength().toMillis(), settings.keyframeLead().toMillis(),
                settings.keyframeRetry().toMillis(), settings.maxSegmentLength().toMillis(),
                3 * settings.keyframeRetry().toMillis());
        AVRational a = input.timeBase(AUDIO);
        AVRational v = input.timeBase(VIDEO);
        this.clock = new TrackClock(a.num(), a.den(), v.num(), v.den(), System::currentTimeMillis);
    }

    /** What it has seen so far; from any thread. */
    TrackCapture.Stats stats() {
        long last = lastPacketNanos; // read first: publishes the counters written before it
        return new TrackCapture.Stats(audioPackets, videoPackets, bytes, segmentsClosed, keyframeRequests,
                last == 0 ? null : clock.wallTimeAt(last));
    }

    /** A packet as read from the input (the caller unrefs it afterwards). */
    void packet(AVPacket pkt) throws IOException {
        int si = pkt.stream_index();
        long pts = pkt.pts();
        if (si > VIDEO || pts == AV_NOPTS_VALUE) {
            return;
        }
        long now = System.nanoTime();
        boolean first = lastPacketNanos == 0;
        long ms = clock.ms(si, pts, now);
        if (first) {
            log.info("track {}: first packet ({}) at {}", spec.trackId(), si == AUDIO ? "audio" : "video",
                    clock.wallTimeAt(now));
        }
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

    /**
     * The track ends: audio still held is written (into an audio-only segment if the video's keyframe never came),
     * and the open segment is closed where it is and handed over as the last.
     */
    void finish() throws IOException {
        if (segment == null && audio.holdsAudioBeforeFirstSegment()) {
            segmenter.openForFlush(); // audio only, the video's keyframe never came
            rotate();
        }
        audio.writeAll(writeHeld);
        if (segment != null) {
            finishSegment(true, Long.MIN_VALUE);
        }
    }

    /** The track stops as in a crash: the open segment is left as its {@code .part}, not handed over. */
    void abort() {
        if (segment != null) {
            segment.close(false);
            segment = null;
        }
    }

    /** Frees the audio still held (the capture stops). */
    void release() {
        audio.release(p -> av_packet_free(p));
    }

    int segmentsClosed() {
        return segmentsClosed;
    }

    /** An audio packet for the open segment: written now if it has no video, else once the video passed it. */
    private void queueAudio(AVPacket pkt, long ms) {
        if (segment == null) {
            return;
        }
        if (!segment.hasVideo()) {
            audio.writeAll(writeHeld);
            write(pkt, AUDIO, ms);
            return;
        }
        audio.queue(av_packet_clone(pkt), ms, writeHeld);
    }

    private void requestKeyframe() {
        keyframeRequests++;
        try {
            keyframes.requestKeyframe();
        } catch (RuntimeException e) {
            log.debug("track {}: keyframe request failed: {}", spec.trackId(), e.toString());
        }
    }

    /** Closes the open segment (if any) where the segmenter cut, and opens the next as it says. */
    private void rotate() throws IOException {
        long base = audio.segmentBase(segmenter.startMs());
        if (segment != null) {
            finishSegment(false, base);
        }
        boolean video = segmenter.video();
        if (nextIndex == 0) {
            log.info("track {}: segment 0 opens at {} ms on the track clock ({}), from {} ms ({}), {}; {} keyframe"
                            + " requests so far", spec.trackId(), segmenter.startMs(),
                    clock.wallTime(segmenter.startMs()), base, clock.wallTime(base),
                    segmenter.startsOnKeyframe() ? "on a keyframe" : video ? "video" : "audio only",
                    keyframeRequests);
        }
        segment = SegmentFile.open(spec, nextIndex++, input, video, segmenter.width(), segmenter.height(),
                segmenter.startsOnKeyframe(), base);
        audio.segmentOpened(video, segmenter.startMs(), writeHeld);
    }

    /** Writes a held audio packet (a clone) to the open segment, if any, and frees it. */
    private void writeHeld(AVPacket packet, long ms) {
        if (segment != null) {
            write(packet, AUDIO, ms);
        }
        av_packet_free(packet);
    }

    private void write(AVPacket pkt, int si, long ms) {
        if (ms < lastWrittenMs[si]) {
            return; // out of order beyond the reorder queue: the muxer would refuse it
        }
        if (segment.write(pkt, si, ms, durationMs(pkt, si))) {
            lastWrittenMs[si] = ms;
        }
    }

    /** The packet's duration in ms: from the input if it has one; for Opus from its TOC; else 0. */
    private long durationMs(AVPacket pkt, int si) {
        if (pkt.duration() > 0) {
            return clock.toMs(si, pkt.duration());
        }
        if (si == AUDIO) {
            // RTP carries no duration; without it the file's (Matroska) duration ends at the last packet's start
            int n = Math.min(pkt.size(), 2);
            if (n > 0) {
                pkt.data().get(head, 0, n);
            }
            return Opus.durationMs(head, n);
        }
        return 0;
    }

    /**
     * @param nextStartMs where the next segment starts (track clock) when not {@code last}: this one covers the
     *                    time up to there
     */
    private void finishSegment(boolean last, long nextStartMs) throws IOException {
        SegmentFile s = segment;
        segment = null;
        s.close(true);
        if (s.timeline().isEmpty() && !last) {
            s.discard();
            nextIndex--; // nothing in it: the next segment takes its index
            return;
        }
        ClosedSegment closed = s.seal(last, nextStartMs, clock);
        segmentsClosed++;
        log.debug("track {}: segment {} closed: {} ms from {} ms, {} bytes, {} audio / {} video packets, "
                        + "keyframe start {}{}", spec.trackId(), closed.index(), closed.durationMs(),
                closed.firstPtsMs(), closed.bytes(), closed.audioPackets(), closed.videoPackets(),
                closed.startsOnKeyframe(), last ? ", last" : "");
        try {
            sink.segmentClosed(closed);
        } catch (RuntimeException e) {
            log.warn("track {}: segment sink failed for segment {}: {}", spec.trackId(), s.index(), e.toString());
        }
    }
}
