package org.lianxin.web.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Holder ids: {@code host:pid:random}, unique per start of an application instance and readable in the logs. */
public final class HolderIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_LENGTH = 200;

    private HolderIds() {
    }

    /** A new id for this process: its host name, its process id and 8 random hex digits. */
    public static String create() {
        return of(hostName(), ProcessHandle.current().pid(), random());
    }

    static String of(String host, long pid, String random) {
        String h = host == null || host.isBlank() ? "unknown-host" : host.strip();
        String tail = ":" + pid + ":" + random;
        int room = MAX_LENGTH - tail.length();
        return (h.length() > room ? h.substring(0, room) : h) + tail;
    }

    private static String random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
