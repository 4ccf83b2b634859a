package org.lianxin.recording.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays one {@link RtpCapture} to many destinations at real-time pace from a single thread, as if each
 * destination had its own publisher: every target gets its own SSRCs, sequence numbers and timestamps
 * (random starts, continuous across loops). Looping restarts the capture, which begins on a keyframe.
 *
 * <pre>
 *   RtpCapture capture = RtpCapture.of(TestMedia.webm(Duration.ofSeconds(10), 60));   // once, 10 s to record
 *   try (RtpReplayer r = RtpReplayer.start(capture, targets, RtpReplayer.Options.looping())) {
 *       ... r.packetsSent() ...
 *   }
 * </pre>
 */
public final class RtpReplayer implements AutoCloseable {

    /** Where one "publisher" goes: its audio and video ports on {@code host}. */
    public record Target(String host, int audioPort, int videoPort) {
        public Target {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * @param loop    start over at the end (otherwise stop after one pass)
     * @param startAt skip this much of the capture (on the first pass only): the first video packets are then
     *                inter frames, as when a forwarder starts mid-GOP
     * @param video   send video at all (false: an audio-only publisher)
     */
    public record Options(boolean loop, Duration startAt, boolean video) {
        public static Options once() {
            return new Options(false, Duration.ZERO, true);
        }

        public static Options looping() {
            return new Options(true, Duration.ZERO, true);
        }

        public Options startingAt(Duration offset) {
            return new Options(loop, offset, video);
        }

        public Options audioOnly() {
            return new Options(loop, startAt, false);
        }
    }

    private static final long GAP_NANOS = 40_000_000L; // between the last packet and the next loop's first

    private final RtpCapture capture;
    private final Options options;
    private final InetSocketAddress[] audio;
    private final InetSocketAddress[] video;
    private final int[][] ssrc;
    private final int[][] seqBase;
    private final long[][] tsBase;
    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean videoMuted;
    private volatile boolean stopped;
    private volatile boolean finished;

    private RtpReplayer(RtpCapture capture, List<Target> targets, Options options) throws IOException {
        this.capture = capture;
        this.options = options;
        int n = targets.size();
        audio = new InetSocketAddress[n];
        video = new InetSocketAddress[n];
        ssrc = new int[n][2];
        seqBase = new int[n][2];
        tsBase = new long[n][2];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            Target t = targets.get(i);
            audio[i] = new InetSocketAddress(t.host(), t.audioPort());
            video[i] = new InetSocketAddress(t.host(), t.videoPort());
            for (int k = 0; k < 2; k++) {
                ssrc[i][k] = random.nextInt();
                seqBase[i][k] = random.nextInt(0x10000);
                tsBase[i][k] = random.nextLong(0x1_0000_0000L);
            }
        }
        channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
        thread = new Thread(this::run, "rtp-replayer");
        thread.setDaemon(true);
    }

    public static RtpReplayer start(RtpCapture capture, List<Target> targets, Options options) {
        try {
            RtpReplayer r = new RtpReplayer(capture, List.copyOf(targets), options);
            r.thread.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One target, one pass. */
    public static RtpReplayer once(RtpCapture capture, String host, int audioPort, int videoPort) {
        return start(capture, List.of(new Target(host, audioPort, videoPort)), Options.once());
    }

    /** Stop (true) or resume (false) sending video; timestamps go on as if the packets had been sent. */
    public void setVideoMuted(boolean muted) {
        videoMuted = muted;
    }

    /** Datagrams sent so far (over all targets). */
    public long packetsSent() {
        return sent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /** Whether a single pass has been sent completely. */
    public boolean isFinished() {
        return finished;
    }

    public boolean awaitFinished(Duration within) throws InterruptedException {
        thread.join(within.toMillis());
        return finished;
    }

    private void run() {
        List<RtpCapture.Packet> packets = capture.packets();
        int[] perStream = new int[2];
        int[] firstSeq = {-1, -1};
        long[] firstTs = new long[2];
        for (RtpCapture.Packet p : packets) {
            int k = p.video() ? 1 : 0;
            if (firstSeq[k] < 0) {
                firstSeq[k] = p.sequence();
                firstTs[k] = p.timestamp();
            }
            perStream[k]++;
        }
        long loopNanos = capture.duration().toNanos() + GAP_NANOS;
        long skip = options.startAt().toNanos();
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        long start = System.nanoTime() - skip;
        for (long loop = 0; !stopped; loop++) {
            for (RtpCapture.Packet p : packets) {
                if (stopped) {
                    break;
                }
                if (loop == 0 && p.atNanos() < skip) {
                    continue;
                }
                int k = p.video() ? 1 : 0;
                if (k == 1 && !options.video()) {
                    continue;
                }
                long due = start + loop * loopNanos + p.atNanos();
                for (long wait; (wait = due - System.nanoTime()) > 0 && !stopped; ) {
                    LockSupport.parkNanos(wait);
                }
                if (k == 1 && videoMuted) {
                    continue;
                }
                int clock = k == 1 ? 90_000 : 48_000;
                long loopTicks = loop * loopNanos * clock / 1_000_000_000L;
                int seqOffset = (int) ((loop * perStream[k] + ((p.sequence() - firstSeq[k]) & 0xFFFF)) & 0xFFFF);
                long tsOffset = ((p.timestamp() - firstTs[k]) & 0xFFFFFFFFL) + loopTicks;
                byte[] rtp = p.rtp();
                InetSocketAddress[] to = k == 1 ? video : audio;
                for (int i = 0; i < to.length; i++) {
                    int seq = (seqBase[i][k] + seqOffset) & 0xFFFF;
                    long ts = (tsBase[i][k] + tsOffset) & 0xFFFFFFFFL;
                    buf.clear();
                    buf.put(rtp);
                    buf.putShort(2, (short) seq);
                    buf.putInt(4, (int) ts);
                    buf.putInt(8, ssrc[i][k]);
                    buf.flip();
                    try {
                        channel.send(buf, to[i]);
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        sendErrors.incrementAndGet();
                    }
                }
            }
            if (!options.loop()) {
                break;
            }
        }
        finished = !stopped;
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }
}
