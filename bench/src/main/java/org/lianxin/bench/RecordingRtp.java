package org.lianxin.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The synthetic RTP source of {@code ./lianxin bench recording}: one VP8/Opus sample turned into RTP once by
 * Debian's ffmpeg (its RTP muxer, as Janus would forward it: Opus PT 111, VP8 PT 96, 1200-byte packets), captured
 * here, then replayed to many (audio port, video port) pairs on 127.0.0.1 at real-time pace from one thread,
 * looping the sample with sequence numbers and timestamps continued (each stream its own SSRC).
 *
 * <p>Written for the bench because the recording test fixtures (RtpCapture / RtpReplayer) were not in the tree
 * when the bench was written.
 */
final class RecordingRtp {
    static final int AUDIO_PT = 111;
    static final int VIDEO_PT = 96;
    static final int AUDIO_CLOCK = 48_000;
    static final int VIDEO_CLOCK = 90_000;

    private RecordingRtp() {
    }

    /** One stream of the sample as RTP packets; {@code offsetNanos} from the stream's first timestamp. */
    record Stream(boolean video, int clock, List<byte[]> packets, long[] offsetNanos, int frames) {
        int seq(int i) {
            byte[] p = packets.get(i);
            return ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        }

        static long ts(byte[] p) {
            return ((p[4] & 0xffL) << 24) | ((p[5] & 0xffL) << 16) | ((p[6] & 0xffL) << 8) | (p[7] & 0xffL);
        }
    }

    /** The sample in RTP: audio, video, and the length of one loop. */
    record Sample(Stream audio, Stream video, long loopNanos) {
        double packetsPerSecondPerTrack() {
            return (audio.packets().size() + video.packets().size()) / (loopNanos / 1e9);
        }

        double bitsPerSecondPerTrack() {
            long bytes = 0;
            for (byte[] p : audio.packets()) {
                bytes += p.length;
            }
            for (byte[] p : video.packets()) {
                bytes += p.length;
            }
            return bytes * 8 / (loopNanos / 1e9);
        }
    }

    /** Makes a 20 s VP8 (640×360, 30 fps, ≈600 kbit/s, keyframe every 2 s) + Opus (48 kHz stereo) sample. */
    static Path makeSampleFile(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("sample.mkv");
        run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "20",
                "-c:v", "libvpx", "-b:v", "600k", "-deadline", "realtime", "-cpu-used", "8", "-g", "60",
                "-keyint_min", "60", "-c:a", "libopus", "-b:a", "32k", "-ac", "2", file.toString()), dir);
        return file;
    }

    /**
     * Turns a VP8/Opus file into RTP with ffmpeg's RTP muxer (paced with {@code -readrate 4}, received on two
     * local sockets with 4 MiB buffers) and returns the packets.
     */
    static Sample capture(Path file, Path dir) throws IOException, InterruptedException {
        try (DatagramChannel a = bind(); DatagramChannel v = bind()) {
            int pa = ((InetSocketAddress) a.getLocalAddress()).getPort();
            int pv = ((InetSocketAddress) v.getLocalAddress()).getPort();
            List<byte[]> audio = new ArrayList<>();
            List<byte[]> video = new ArrayList<>();
            Thread ra = receiver(a, audio);
            Thread rv = receiver(v, video);
            run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-readrate", "4",
                    "-i", file.toString(),
                    "-map", "0:a:0", "-c", "copy", "-payload_type", Integer.toString(AUDIO_PT), "-ssrc", "1111",
                    "-f", "rtp", "rtp://127.0.0.1:" + pa + "?pkt_size=1200",
                    "-map", "0:v:0", "-c", "copy", "-payload_type", Integer.toString(VIDEO_PT), "-ssrc", "2222",
                    "-f", "rtp", "rtp://127.0.0.1:" + pv + "?pkt_size=1200"), dir);
            Thread.sleep(500);
            a.close();
            v.close();
            ra.join();
            rv.join();
            Stream as = stream(false, AUDIO_CLOCK, audio);
            Stream vs = stream(true, VIDEO_CLOCK, video);
            // loop = the longer stream plus one frame / one audio packet
            long aLen = as.offsetNanos()[as.packets().size() - 1] + 20_000_000L;
            long vLast = vs.offsetNanos()[vs.packets().size() - 1];
            long vLen = vLast + vLast / Math.max(1, vs.frames() - 1);
            return new Sample(as, vs, Math.max(aLen, vLen));
        }
    }

    private static DatagramChannel bind() throws IOException {
        DatagramChannel c = DatagramChannel.open();
        c.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        c.bind(new InetSocketAddress("127.0.0.1", 0));
        return c;
    }

    private static Thread receiver(DatagramChannel c, List<byte[]> into) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            try {
                while (true) {
                    buf.clear();
                    c.receive(buf);
                    buf.flip();
                    byte[] p = new byte[buf.remaining()];
                    buf.get(p);
                    synchronized (into) {
                        into.add(p);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "rtp-capture");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Stream stream(boolean video, int clock, List<byte[]> raw) {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] p : raw) {
            int pt = p.length > 1 ? p[1] & 0x7f : -1;
            if (p.length >= 12 && (p[0] & 0xc0) == 0x80 && pt == (video ? VIDEO_PT : AUDIO_PT)) {
                packets.add(p); // RTCP (PT 200+) would land on port+1 anyway
            }
        }
        if (packets.size() < 100) {
            throw new IllegalStateException((video ? "video" : "audio") + ": only " + packets.size() + " RTP packets captured");
        }
        // check sequence continuity (loopback, 4 MiB buffer: nothing may be missing)
        for (int i = 1; i < packets.size(); i++) {
            int prev = ((packets.get(i - 1)[2] & 0xff) << 8) | (packets.get(i - 1)[3] & 0xff);
            int cur = ((packets.get(i)[2] & 0xff) << 8) | (packets.get(i)[3] & 0xff);
            if (((prev + 1) & 0xffff) != cur) {
                throw new IllegalStateException("capture of the sample lost or reordered packets at " + i);
            }
        }
        long ts0 = Stream.ts(packets.get(0));
        long[] offsets = new long[packets.size()];
        int frames = 0;
        for (int i = 0; i < packets.size(); i++) {
            long d = (Stream.ts(packets.get(i)) - ts0) & 0xffffffffL;
            offsets[i] = d * 1_000_000_000L / clock;
            if ((packets.get(i)[1] & 0x80) != 0) {
                frames++; // marker: last packet of a video frame
            }
        }
        return new Stream(video, clock, packets, offsets, video ? frames : packets.size());
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "ffmpeg", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + Files.readString(log));
        }
    }

    // ------------------------------------------------------------------------------------------ replay

    /**
     * Replays the sample to {@code audioPorts[i]} / {@code videoPorts[i]} for every started track i from one thread,
     * always from the start of the sample (a keyframe). Counts what it sent per track and how late it was.
     */
    static final class Replayer implements AutoCloseable {
        private final Sample sample;
        private final int n;
        private final InetSocketAddress[] audio;
        private final InetSocketAddress[] video;
        final long[] audioSent;
        final long[] videoSent;
        final long[] videoFramesSent;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lateOver5ms = new AtomicLong();
        volatile long maxLateNanos;
        private final DatagramChannel channel;
        private volatile boolean stop;
        private Thread thread;
        private volatile Throwable failure;

        Replayer(Sample sample, int[] audioPorts, int[] videoPorts) throws IOException {
            this.sample = sample;
            this.n = audioPorts.length;
            audio = new InetSocketAddress[n];
            video = new InetSocketAddress[n];
            for (int i = 0; i < n; i++) {
                audio[i] = new InetSocketAddress("127.0.0.1", audioPorts[i]);
                video[i] = new InetSocketAddress("127.0.0.1", videoPorts[i]);
            }
            audioSent = new long[n];
            videoSent = new long[n];
            videoFramesSent = new long[n];
            started = new boolean[n];
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        private final class Cursor implements Comparable<Cursor> {
            final int track;
            final Stream stream;
            final long start;
            final int ssrc;
            final int seqBase;
            final long tsBase;
            final long loopTs;
            long loop;
            int index;
            long due;

            Cursor(int track, Stream stream, long start) {
                this.track = track;
                this.stream = stream;
                this.start = start;
                this.ssrc = (stream.video() ? 0x20000000 : 0x10000000) + track;
                this.seqBase = (track * 7919) & 0xffff;
                this.tsBase = (track * 104_729L) & 0xffffffffL;
                this.loopTs = sample.loopNanos() * stream.clock() / 1_000_000_000L;
                this.due = start;
            }

            @Override
            public int compareTo(Cursor o) {
                return Long.compare(due, o.due);
            }

            void send(ByteBuffer buf) throws IOException {
                byte[] p = stream.packets().get(index);
                buf.clear();
                buf.put(p);
                int seq = (stream.seq(index) + (int) (loop * stream.packets().size()) + seqBase) & 0xffff;
                long ts = (Stream.ts(p) + loop * loopTs + tsBase) & 0xffffffffL;
                buf.putShort(2, (short) seq);
                buf.putInt(4, (int) ts);
                buf.putInt(8, ssrc);
                buf.flip();
                channel.send(buf, stream.video() ? video[track] : audio[track]);
                if (stream.video()) {
                    videoSent[track]++;
                    if ((p[1] & 0x80) != 0) {
                        videoFramesSent[track]++;
                    }
                } else {
                    audioSent[track]++;
                }
                index++;
                if (index == stream.packets().size()) {
                    index = 0;
                    loop++;
                }
                due = start + loop * sample.loopNanos() + stream.offsetNanos()[index];
            }
        }

        private final ConcurrentLinkedQueue<Cursor> pending = new ConcurrentLinkedQueue<>();
        private final boolean[] started;

        /**
         * Starts sending to track i (once its recorder listens): {@code 20 ms + (i × 1 s / n) mod 1 s} from now,
         * which spreads the tracks' video bursts over a second.
         */
        synchronized void startTrack(int i) {
            if (started[i]) {
                return;
            }
            started[i] = true;
            long s = System.nanoTime() + 20_000_000L + (1_000_000_000L * i / n) % 1_000_000_000L;
            pending.add(new Cursor(i, sample.audio(), s));
            pending.add(new Cursor(i, sample.video(), s));
        }

        void start() {
            PriorityQueue<Cursor> queue = new PriorityQueue<>();
            thread = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                try {
                    while (!stop) {
                        for (Cursor p; (p = pending.poll()) != null; ) {
                            queue.add(p);
                        }
                        Cursor c = queue.peek();
                        long now = System.nanoTime();
                        if (c == null) {
                            LockSupport.parkNanos(1_000_000L);
                            continue;
                        }
                        long wait = c.due - now;
                        if (wait > 200_000) {
                            LockSupport.parkNanos(wait - 100_000);
                            continue;
                        }
                        queue.poll();
                        long late = now - c.due;
                        if (late > 5_000_000L) {
                            lateOver5ms.incrementAndGet();
                        }
                        if (late > maxLateNanos) {
                            maxLateNanos = late;
                        }
                        c.send(buf);
                        sent.incrementAndGet();
                        queue.add(c);
                    }
                } catch (Throwable e) {
                    failure = e;
                }
            }, "rtp-replay");
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        }

        long totalAudio() {
            long s = 0;
            for (long v : audioSent) {
                s += v;
            }
            return s;
        }

        long totalVideo() {
            long s = 0;
            for (long v : videoSent) {
                s += v;
            }
            return s;
        }

        void checkAlive() {
            if (failure != null) {
                throw new IllegalStateException("replayer failed", failure);
            }
        }

        @Override
        public void close() throws IOException {
            stop = true;
            if (thread != null) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel.close();
            checkAlive();
        }
    }
}
