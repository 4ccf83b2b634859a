package org.lianxin.recording.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One VP8 + Opus RTP stream recorded once (from {@link RtpSender}'s real-time output, captured on two
 * loopback ports) and cached next to the media ({@code <media>.rtpcap}), for {@link RtpReplayer} to send
 * to many destinations cheaply. Each packet keeps its RTP bytes as sent and its send time: the stream's
 * first arrival plus its RTP timestamp (so the pacing is exact, not the capture's jitter).
 * Recording takes as long as the media; later calls read the cache.
 */
public final class RtpCapture {

    private static final int MAGIC = 0x4C585243; // "LXRC"

    /** One RTP packet: video or audio, when to send it (ns after the stream's start), the bytes. */
    public record Packet(boolean video, long atNanos, byte[] rtp) {
        public int sequence() {
            return (rtp[2] & 0xFF) << 8 | (rtp[3] & 0xFF);
        }

        public long timestamp() {
            return ((rtp[4] & 0xFFL) << 24) | ((rtp[5] & 0xFFL) << 16) | ((rtp[6] & 0xFFL) << 8) | (rtp[7] & 0xFFL);
        }

        public int payloadType() {
            return rtp[1] & 0x7F;
        }

        /** For video: whether this packet starts a VP8 keyframe (RFC 7741 descriptor, then the frame's P bit). */
        public boolean startsKeyframe() {
            if (!video || rtp.length < 14) {
                return false;
            }
            int cc = rtp[0] & 0x0F;
            int i = 12 + 4 * cc;
            if ((rtp[0] & 0x10) != 0) { // header extension
                int len = ((rtp[i + 2] & 0xFF) << 8 | (rtp[i + 3] & 0xFF)) * 4;
                i += 4 + len;
            }
            int d = rtp[i] & 0xFF;
            boolean start = (d & 0x10) != 0 && (d & 0x07) == 0;
            i++;
            if ((d & 0x80) != 0) {
                int x = rtp[i++] & 0xFF;
                if ((x & 0x80) != 0) {
                    i += (rtp[i] & 0x80) != 0 ? 2 : 1;
                }
                if ((x & 0x40) != 0) {
                    i++;
                }
                if ((x & 0x30) != 0) {
                    i++;
                }
            }
            return start && i < rtp.length && (rtp[i] & 1) == 0;
        }
    }

    private final List<Packet> packets;

    private RtpCapture(List<Packet> packets) {
        this.packets = Collections.unmodifiableList(packets);
    }

    /** The capture of {@code media} (recorded now if not cached). */
    public static synchronized RtpCapture of(Path media) {
        Path cache = media.resolveSibling(media.getFileName() + ".rtpcap");
        if (Files.isRegularFile(cache)) {
            try {
                return read(cache);
            } catch (IOException e) {
                // corrupt or old: record again
            }
        }
        RtpCapture capture = record(media);
        try {
            Path tmp = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            capture.write(tmp);
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return capture;
    }

    public List<Packet> packets() {
        return packets;
    }

    /** Time of the last packet. */
    public Duration duration() {
        return Duration.ofNanos(packets.isEmpty() ? 0 : packets.get(packets.size() - 1).atNanos());
    }

    public long count(boolean video) {
        return packets.stream().filter(p -> p.video() == video).count();
    }

    private static RtpCapture record(Path media) {
        List<Packet> raw = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket audio = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
             DatagramSocket video = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            audio.setReceiveBufferSize(4 << 20);
            video.setReceiveBufferSize(4 << 20);
            AtomicBoolean done = new AtomicBoolean();
            Thread a = listen(audio, false, raw, done);
            Thread v = listen(video, true, raw, done);
            try (RtpSender sender = RtpSender.start(media, "127.0.0.1", audio.getLocalPort(), video.getLocalPort())) {
                if (!sender.awaitEnd(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("ffmpeg did not send " + media + ": " + sender.output());
                }
                Thread.sleep(300);
                done.set(true);
                a.join(2000);
                v.join(2000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new RtpCapture(smooth(new ArrayList<>(raw)));
    }

    private static Thread listen(DatagramSocket socket, boolean video, List<Packet> into, AtomicBoolean done)
            throws IOException {
        socket.setSoTimeout(100);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!done.get()) {
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                if (p.getLength() >= 12 && (buf[0] & 0xC0) == 0x80) {
                    into.add(new Packet(video, System.nanoTime(), Arrays.copyOf(buf, p.getLength())));
                }
            }
        }, "rtp-capture-" + (video ? "video" : "audio"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Send times from RTP timestamps, anchored at each stream's first arrival; checks nothing was lost. */
    private static List<Packet> smooth(List<Packet> raw) {
        if (raw.isEmpty()) {
            throw new IllegalStateException("no RTP captured");
        }
        long origin = raw.stream().mapToLong(Packet::atNanos).min().orElseThrow();
        List<Packet> out = new ArrayList<>();
        for (boolean video : new boolean[] {false, true}) {
            List<Packet> stream = raw.stream().filter(p -> p.video() == video).toList();
            if (stream.isEmpty()) {
                continue;
            }
            int clock = video ? 90_000 : 48_000;
            Packet first = stream.get(0);
            long unwrapped = 0;
            long previous = first.timestamp();
            int expectedSeq = first.sequence();
            for (Packet p : stream) {
                if (p.sequence() != expectedSeq) {
                    throw new IllegalStateException("RTP capture lost packets (" + (video ? "video" : "audio")
                            + " seq " + expectedSeq + " then " + p.sequence() + "): machine too busy, try again");
                }
                expectedSeq = (expectedSeq + 1) & 0xFFFF;
                unwrapped += (int) (p.timestamp() - previous);
                previous = p.timestamp();
                long at = first.atNanos() - origin + unwrapped * 1_000_000_000L / clock;
                out.add(new Packet(video, at, p.rtp()));
            }
        }
        out.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));
        return out;
    }

    private void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(packets.size());
            for (Packet p : packets) {
                out.writeBoolean(p.video());
                out.writeLong(p.atNanos());
                out.writeShort(p.rtp().length);
                out.write(p.rtp());
            }
        }
    }

    private static RtpCapture read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not an RTP capture: " + file);
            }
            int n = in.readInt();
            List<Packet> packets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean video = in.readBoolean();
                long at = in.readLong();
                byte[] rtp = new byte[in.readUnsignedShort()];
                in.readFully(rtp);
                packets.add(new Packet(video, at, rtp));
            }
            return new RtpCapture(packets);
        }
    }
}
