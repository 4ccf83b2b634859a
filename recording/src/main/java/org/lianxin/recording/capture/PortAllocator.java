package org.lianxin.recording.capture;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.BitSet;

/**
 * Hands out blocks of four consecutive UDP ports (audio RTP, audio RTCP, video RTP, video RTCP: FFmpeg's
 * RTP input binds port and port + 1) so that no two captures in this JVM get the same. One per JVM
 * ({@link #INSTANCE}) because ports are a process-wide resource. A block is probed by binding all four
 * ports on the capture's address and closing them again; another process can still take one before
 * FFmpeg binds it, which {@link RtpInput#open} handles by releasing the block (kept marked as
 * "tried") and taking the next.
 */
final class PortAllocator {

    static final PortAllocator INSTANCE = new PortAllocator();

    private final BitSet reserved = new BitSet(65536);
    private int cursor;

    /**
     * The first port of a free block of four in [min, max], reserved until {@link #release}, or -1.
     * Blocks start on multiples of 4 from {@code min}'s next even port; the search continues after the last
     * block handed out, so a port just released (its socket maybe still draining) is not reused at once.
     */
    synchronized int reserve(String bindHost, int min, int max) {
        int first = (min + 1) & ~1;
        int blocks = (max - first + 1) / 4;
        if (blocks <= 0) {
            return -1;
        }
        for (int i = 0; i < blocks; i++) {
            int block = (cursor + i) % blocks;
            int base = first + block * 4;
            if (reserved.get(base, base + 4).isEmpty() && bindable(bindHost, base)) {
                reserved.set(base, base + 4);
                cursor = block + 1;
                return base;
            }
        }
        return -1;
    }

    synchronized void release(int base) {
        if (base > 0) {
            reserved.clear(base, base + 4);
        }
    }

    private static boolean bindable(String host, int base) {
        DatagramSocket[] sockets = new DatagramSocket[4];
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int i = 0; i < 4; i++) {
                sockets[i] = new DatagramSocket(null);
                sockets[i].setReuseAddress(false);
                sockets[i].bind(new InetSocketAddress(address, base + i));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (DatagramSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
