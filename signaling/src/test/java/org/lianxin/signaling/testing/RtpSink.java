package org.lianxin.signaling.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP socket that counts the RTP packets arriving on it (where a test points Janus's
 * {@code rtp_forward}), their payload types and the VP8 keyframes among them. A test fixture shared
 * through signaling's test-jar.
 */
public final class RtpSink implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong keyframes = new AtomicLong();
    private final Set<Integer> payloadTypes = ConcurrentHashMap.newKeySet();

    /** Listens on a free UDP port of {@code address} (e.g. {@link JanusTestHost#hostAddress()}). */
    public RtpSink(String address) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        Thread t = new Thread(this::receive, "rtp-sink-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** RTP packets received so far. */
    public long packets() {
        return packets.get();
    }

    /** VP8 keyframe starts (payload type 96) received so far. */
    public long keyframes() {
        return keyframes.get();
    }

    /** The payload types seen. */
    public Set<Integer> payloadTypes() {
        return Set.copyOf(payloadTypes);
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            if (p.getLength() < 12 || (buf[0] & 0xC0) != 0x80) {
                continue;
            }
            int pt = buf[1] & 0x7F;
            payloadTypes.add(pt);
            packets.incrementAndGet();
            if (pt == 96 && isVp8KeyframeStart(buf, p.getLength())) {
                keyframes.incrementAndGet();
            }
        }
    }

    /** RFC 7741: start of partition 0 whose VP8 payload header has P = 0. */
    private static boolean isVp8KeyframeStart(byte[] b, int len) {
        int i = 12 + 4 * (b[0] & 0x0F);
        if ((b[0] & 0x10) != 0) {
            if (i + 4 > len) {
                return false;
            }
            int words = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            i += 4 + 4 * words;
        }
        if (i >= len) {
            return false;
        }
        int d = b[i] & 0xFF;
        boolean start = (d & 0x10) != 0 && (d & 0x07) == 0;
        i++;
        if ((d & 0x80) != 0) {
            if (i >= len) {
                return false;
            }
            int x = b[i] & 0xFF;
            i++;
            if ((x & 0x80) != 0) {
                i += (i < len && (b[i] & 0x80) != 0) ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                i++;
            }
            if ((x & 0x30) != 0) {
                i++;
            }
        }
        return start && i < len && (b[i] & 0x01) == 0;
    }

    @Override
    public void close() {
        socket.close();
    }
}
