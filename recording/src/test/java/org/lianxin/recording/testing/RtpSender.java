package org.lianxin.recording.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a media file as RTP at real-time pace with the {@code ffmpeg} CLI ({@code -re}, stream copy), the
 * way Janus's {@code rtp_forward} would: video (VP8) on one port, audio (Opus) on another, payload types
 * 96 and 111 unless told otherwise. FFmpeg's RTCP sender reports go to a socket of this class (not to
 * port + 1), since Janus's forwarders send none either.
 */
public final class RtpSender implements AutoCloseable {

    private final Process process;
    private final DatagramSocket rtcpSink;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private RtpSender(Process process, DatagramSocket rtcpSink, Path log) {
        this.process = process;
        this.rtcpSink = rtcpSink;
        this.log = log;
    }

    /** Audio and video (payload types 111 and 96). */
    public static RtpSender start(Path media, String host, int audioPort, int videoPort) {
        return start(media, host, audioPort, 111, videoPort, 96);
    }

    /** Audio only, as from a publisher whose camera was refused. */
    public static RtpSender audioOnly(Path media, String host, int audioPort) {
        return start(media, host, audioPort, 111, -1, 96);
    }

    /** {@code videoPort < 0}: no video. */
    public static RtpSender start(Path media, String host, int audioPort, int audioPt, int videoPort, int videoPt) {
        DatagramSocket sink = null;
        try {
            sink = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int rtcp = sink.getLocalPort();
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-i",
                    media.toString()));
            if (videoPort >= 0) {
                cmd.addAll(List.of("-map", "0:v", "-c", "copy", "-payload_type", Integer.toString(videoPt),
                        "-f", "rtp", "rtp://" + host + ":" + videoPort + "?pkt_size=1200&rtcpport=" + rtcp));
            }
            cmd.addAll(List.of("-map", "0:a", "-c", "copy", "-payload_type", Integer.toString(audioPt),
                    "-f", "rtp", "rtp://" + host + ":" + audioPort + "?pkt_size=1200&rtcpport=" + rtcp));
            Path log = Files.createTempFile("lianxin-rtp-sender-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            drain(sink);
            return new RtpSender(p, sink, log);
        } catch (IOException e) {
            if (sink != null) {
                sink.close();
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(DatagramSocket socket) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            while (!socket.isClosed()) {
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return;
                }
            }
        }, "rtcp-sink");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the file to be sent completely; true if it was. */
    public boolean awaitEnd(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** FFmpeg's messages (errors only). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops sending at once (the media "stops", as when a forwarder is removed). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rtcpSink.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // temp file
        }
    }
}
