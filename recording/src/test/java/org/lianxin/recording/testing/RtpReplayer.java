package org.lianxin.recording.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 *
 * <p>By default every target starts at once and gets each packet at the same moment. For load tests
 * ({@code ./lianxin bench recording}) targets can instead be started one by one when their receiver listens
 * ({@link Options#onDemand()}, {@link #startTarget}) and spread over a period ({@link Options#staggered}), so that
 * the video bursts of many publishers do not coincide; what was sent to each target is counted
 * ({@link #sentTo}) and so is how late the single sending thread was ({@link #lateness}).
 */
public final class RtpReplayer implements AutoCloseable {

    /** Where one "publisher" goes: its audio and video ports on {@code host}. */
    public record Target(String host, int audioPort, int videoPort) {
        public Target {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * @param loop     start over at the end (otherwise stop after one pass)
     * @param startAt  skip this much of the capture (on the first pass only): the first video packets are then
     *                 inter frames, as when a forwarder starts mid-GOP
     * @param video    send video at all (false: an audio-only publisher)
     * @param eachOnDemand send nothing to a target until {@link RtpReplayer#startTarget} is called for it
     *                 (otherwise all start at once)
     * @param stagger  target i of n starts {@code i × stagger / n} after it is started (zero: all together)
     */
    public record Options(boolean loop, Duration startAt, boolean video, boolean eachOnDemand, Duration stagger) {
        public Options {
            Objects.requireNonNull(startAt, "startAt");
            Objects.requireNonNull(stagger, "stagger");
        }

        public Options(boolean loop, Duration startAt, boolean video) {
            this(loop, startAt, video, false, Duration.ZERO);
        }

        public static Options once() {
            return new Options(false, Duration.ZERO, true);
        }

        public static Options looping() {
            return new Options(true, Duration.ZERO, true);
        }

        public Options startingAt(Duration offset) {
            return new Options(loop, offset, video, eachOnDemand, stagger);
        }

        public Options audioOnly() {
            return new Options(loop, startAt, false, eachOnDemand, stagger);
        }

        /** Targets wait for {@link RtpReplayer#startTarget} (e.g. until their receiver is bound). */
        public Options onDemand() {
            return new Options(loop, startAt, video, true, stagger);
        }

        /** Target i of n begins {@code i × period / n} after it is started: n publishers spread over the period. */
        public Options staggered(Duration period) {
            return new Options(loop, startAt, video, eachOnDemand, period);
        }
    }

    /** What one target was sent: RTP packets of each stream, and video frames (packets with the marker bit). */
    public record Sent(long audioPackets, long videoPackets, long videoFrames) {
    }

    /**
     * How late the sending thread was against the real-time schedule, over the packets sent since the replayer
     * started or {@link #resetLateness} was last called.
     *
     * @param packets     packets sent in that time
     * @param lateOver5ms how many of them went out more than {@value #LATE_MILLIS} ms after they were due
     * @param maxLate     the latest any went out
     */
    public record Lateness(long packets, long lateOver5ms, Duration maxLate) {
    }

    /** A packet this much behind its due time counts as late in {@link Lateness#lateOver5ms}. */
    public static final int LATE_MILLIS = 5;

    private static final long GAP_NANOS = 40_000_000L; // between the last packet and the next loop's first

    private final Options options;
    private final List<RtpCapture.Packet> packets;
    private final long loopNanos;
    private final int[] perStream = new int[2];
    private final int[] firstSeq = {-1, -1};
    private final long[] firstTs = new long[2];
    private final InetSocketAddress[] audio;
    private final InetSocketAddress[] video;
    private final int[][] ssrc;
    private final int[][] seqBase;
    private final long[][] tsBase;
    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLongArray audioSent;
    private final AtomicLongArray videoSent;
    private final AtomicLongArray framesSent;
    private final AtomicLong latePackets = new AtomicLong();
    private final AtomicLong lateOver = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private final boolean[] startRequested;
    private final ConcurrentLinkedQueue<Cursor> starting = new ConcurrentLinkedQueue<>();
    private volatile boolean videoMuted;
    private volatile boolean linkDown;
    private volatile boolean stopped;
    private volatile boolean finished;
    private volatile Throwable failure;

    private RtpReplayer(RtpCapture capture, List<Target> targets, Options options) throws IOException {
        this.options = options;
        this.packets = capture.packets();
        for (RtpCapture.Packet p : packets) {
            int k = p.video() ? 1 : 0;
            if (firstSeq[k] < 0) {
                firstSeq[k] = p.sequence();
                firstTs[k] = p.timestamp();
            }
            perStream[k]++;
        }
        this.loopNanos = capture.duration().toNanos() + GAP_NANOS;
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
        audioSent = new AtomicLongArray(n);
        videoSent = new AtomicLongArray(n);
        framesSent = new AtomicLongArray(n);
        startRequested = new boolean[n];
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

    /**
     * Starts sending to target {@code i} (with {@link Options#onDemand}; its stagger offset counts from now).
     * Calling it again, or without {@code onDemand}, does nothing.
     */
    public synchronized void startTarget(int i) {
        if (!options.eachOnDemand() || startRequested[i]) {
            return;
        }
        startRequested[i] = true;
        starting.add(new Cursor(i, System.nanoTime() + staggerOffset(i) - options.startAt().toNanos()));
        LockSupport.unpark(thread);
    }

    /** Stop (true) or resume (false) sending video; timestamps go on as if the packets had been sent. */
    public void setVideoMuted(boolean muted) {
        videoMuted = muted;
    }

    /**
     * A dropped link (true) or a whole one again (false): nothing is sent meanwhile, and sequence numbers and
     * timestamps go on as if the packets had been sent and lost on the way (what a receiver sees after an outage).
     */
    public void setLinkDown(boolean down) {
        linkDown = down;
    }

    /** Datagrams sent so far (over all targets). */
    public long packetsSent() {
        return sent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /** What target {@code i} was sent so far. */
    public Sent sentTo(int i) {
        return new Sent(audioSent.get(i), videoSent.get(i), framesSent.get(i));
    }

    /** How late sending was since the start or the last {@link #resetLateness}. */
    public Lateness lateness() {
        return new Lateness(latePackets.get(), lateOver.get(), Duration.ofNanos(maxLateNanos.get()));
    }

    /**
     * Starts measuring {@link #lateness} afresh (e.g. at the start of a measurement window; a packet being sent
     * at that moment may count on either side).
     */
    public void resetLateness() {
        latePackets.set(0);
        lateOver.set(0);
        maxLateNanos.set(0);
    }

    /** Throws if the sending thread died of an error (it then sends nothing more). */
    public void checkAlive() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("the RTP replayer failed", f);
        }
    }

    /** Whether a single pass has been sent completely. */
    public boolean isFinished() {
        return finished;
    }

    public boolean awaitFinished(Duration within) throws InterruptedException {
        thread.join(within.toMillis());
        return finished;
    }

    private long staggerOffset(int i) {
        return options.stagger().toNanos() * i / Math.max(1, audio.length);
    }

    /**
     * Where one target is in the capture: the next packet to send to it ({@code index} in pass {@code loop}) and
     * when; {@code origin} is when the capture's time 0 of pass 0 is (or would have been) sent.
     */
    private final class Cursor implements Comparable<Cursor> {
        final int target;
        final long origin;
        long loop;
        int index = -1;
        long due;

        Cursor(int target, long origin) {
            this.target = target;
            this.origin = origin;
        }

        /** Moves to the next packet to send; false when the last pass is over. */
        boolean advance() {
            while (true) {
                for (index++; index < packets.size(); index++) {
                    RtpCapture.Packet p = packets.get(index);
                    if ((loop == 0 && p.atNanos() < options.startAt().toNanos()) || (p.video() && !options.video())) {
                        continue;
                    }
                    due = origin + loop * loopNanos + p.atNanos();
                    return true;
                }
                if (!options.loop()) {
                    return false;
                }
                loop++;
                index = -1;
            }
        }

        @Override
        public int compareTo(Cursor o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Integer.compare(target, o.target);
        }
    }

    private void run() {
        try {
            replay();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** One thread, every target: always the packet due first (ties: lower target first). */
    private void replay() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        PriorityQueue<Cursor> queue = new PriorityQueue<>();
        int begun = 0;
        if (!options.eachOnDemand()) {
            long origin = System.nanoTime() - options.startAt().toNanos();
            for (int i = 0; i < audio.length; i++) {
                Cursor c = new Cursor(i, origin + staggerOffset(i));
                if (c.advance()) {
                    queue.add(c);
                }
            }
            begun = audio.length;
        }
        while (!stopped) {
            for (Cursor c; (c = starting.poll()) != null; ) {
                begun++;
                if (c.advance()) {
                    queue.add(c);
                }
            }
            Cursor c = queue.peek();
            if (c == null) {
                if (begun == audio.length) {
                    break; // every target has had its single pass
                }
                LockSupport.parkNanos(1_000_000L); // or until startTarget
                continue;
            }
            long wait = c.due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            queue.poll();
            RtpCapture.Packet p = packets.get(c.index);
            if (!linkDown && !(p.video() && videoMuted)) {
                latePackets.incrementAndGet();
                if (-wait > LATE_MILLIS * 1_000_000L) {
                    lateOver.incrementAndGet();
                }
                maxLateNanos.accumulateAndGet(-wait, Math::max);
                send(c, p, buf);
            }
            if (c.advance()) {
                queue.add(c);
            }
        }
        finished = !stopped;
    }

    private void send(Cursor c, RtpCapture.Packet p, ByteBuffer buf) {
        int k = p.video() ? 1 : 0;
        int clock = k == 1 ? 90_000 : 48_000;
        long loopTicks = c.loop * loopNanos * clock / 1_000_000_000L;
        int seqOffset = (int) ((c.loop * perStream[k] + ((p.sequence() - firstSeq[k]) & 0xFFFF)) & 0xFFFF);
        long tsOffset = ((p.timestamp() - firstTs[k]) & 0xFFFFFFFFL) + loopTicks;
        byte[] rtp = p.rtp();
        int i = c.target;
        int seq = (seqBase[i][k] + seqOffset) & 0xFFFF;
        long ts = (tsBase[i][k] + tsOffset) & 0xFFFFFFFFL;
        buf.clear();
        buf.put(rtp);
        buf.putShort(2, (short) seq);
        buf.putInt(4, (int) ts);
        buf.putInt(8, ssrc[i][k]);
        buf.flip();
        try {
            channel.send(buf, k == 1 ? video[i] : audio[i]);
            sent.incrementAndGet();
            if (k == 1) {
                videoSent.incrementAndGet(i);
                if ((rtp[1] & 0x80) != 0) {
                    framesSent.incrementAndGet(i);
                }
            } else {
                audioSent.incrementAndGet(i);
            }
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
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
