package org.lianxin.notification.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 at a free port, which a test can stop and start again on the same port
 * (what it received before a stop is kept by the test, not by the server).
 */
public final class TestSmtp implements AutoCloseable {
    private final int port;
    private GreenMail server;

    public TestSmtp() {
        this.port = freePort();
        start();
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (server == null) {
            ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            server = new GreenMail(setup);
            server.start();
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** What this server received since it was last started. */
    public synchronized MimeMessage[] received() {
        return server == null ? new MimeMessage[0] : server.getReceivedMessages();
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
