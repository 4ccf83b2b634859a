package org.lianxin.signaling.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a configuration folder for Debian's Janus 1.1 ({@code janus -F <folder>}), from the
 * packaged {@code /etc/janus/janus.jcfg} (its module folders): only the videoroom plugin and the
 * websockets transport are loaded, no demo rooms, {@code admin_key} and {@code lock_rtp_forward}
 * on, logging to stdout without colours, no STUN, mDNS candidates ignored, a session whose connection closed kept
 * 20 s for another instance to {@code claim} (issue 14; as deploy/janus/janus.jcfg). Used by {@code ./lianxin up}
 * (through {@link #main}) and by the tests' Janus host. JDK classes only, so that it runs from the
 * module's classes folder alone.
 *
 * @param wsIp         address of the WebSocket API (and of the Admin API)
 * @param wsPort       port of the WebSocket API
 * @param adminWsPort  port of the Admin API WebSocket
 * @param adminKey     the videoroom {@code admin_key}
 * @param adminSecret  the Admin API's {@code admin_secret}
 * @param iceInterface the only interface used for ICE ({@code ice_enforce_list}); null = Janus chooses
 * @param serverName   Janus's {@code server_name}
 */
public record JanusConfig(String wsIp, int wsPort, int adminWsPort, String adminKey, String adminSecret,
                          String iceInterface, String serverName) {

    static final Path PACKAGED_CONFIG = Path.of("/etc/janus/janus.jcfg");

    public JanusConfig {
        Objects.requireNonNull(wsIp, "wsIp");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(adminSecret, "adminSecret");
        Objects.requireNonNull(serverName, "serverName");
        for (String s : new String[] {wsIp, adminKey, adminSecret, serverName, iceInterface == null ? "" : iceInterface}) {
            if (s.contains("\"") || s.contains("\n")) {
                throw new IllegalArgumentException("no quotes or line breaks in Janus settings");
            }
        }
    }

    /** Writes janus.jcfg, janus.plugin.videoroom.jcfg and janus.transport.websockets.jcfg into {@code folder}. */
    public void writeTo(Path folder) {
        String general = read(PACKAGED_CONFIG);
        String plugins = folderSetting(general, "plugins_folder", "/usr/lib/x86_64-linux-gnu/janus/plugins");
        String transports = folderSetting(general, "transports_folder", "/usr/lib/x86_64-linux-gnu/janus/transports");
        String events = folderSetting(general, "events_folder", "/usr/lib/x86_64-linux-gnu/janus/events");
        String loggers = folderSetting(general, "loggers_folder", "/usr/lib/x86_64-linux-gnu/janus/loggers");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(folder, "janus.jcfg", """
                general: {
                \tconfigs_folder = "%s"
                \tplugins_folder = "%s"
                \ttransports_folder = "%s"
                \tevents_folder = "%s"
                \tloggers_folder = "%s"
                \tdebug_level = 4
                \tdebug_colors = false
                \tlog_to_stdout = true
                \tserver_name = "%s"
                \tadmin_secret = "%s"
                \tsession_timeout = 60
                \treclaim_session_timeout = 20
                }
                media: {
                \trtp_port_range = "20000-20999"
                }
                nat: {
                \tnice_debug = false
                \tignore_mdns = true
                %s}
                plugins: {
                \tdisable = "%s"
                }
                transports: {
                \tdisable = "%s"
                }
                loggers: {
                \tdisable = "%s"
                }
                events: {
                \tbroadcast = false
                \tdisable = "%s"
                }
                """.formatted(folder.toAbsolutePath(), plugins, transports, events, loggers, serverName, adminSecret,
                iceInterface == null ? "" : "\tice_enforce_list = \"" + iceInterface + "\"\n",
                othersThan(plugins, "libjanus_videoroom.so"), othersThan(transports, "libjanus_websockets.so"),
                othersThan(loggers, ""), othersThan(events, "")));
        write(folder, "janus.plugin.videoroom.jcfg", """
                general: {
                \tadmin_key = "%s"
                \tlock_rtp_forward = true
                }
                """.formatted(adminKey));
        write(folder, "janus.transport.websockets.jcfg", """
                general: {
                \tjson = "plain"
                \tws = true
                \tws_port = %d
                \tws_ip = "%s"
                \twss = false
                }
                admin: {
                \tadmin_ws = true
                \tadmin_ws_port = %d
                \tadmin_ws_ip = "%s"
                \tadmin_wss = false
                }
                """.formatted(wsPort, wsIp, adminWsPort, wsIp));
    }

    /**
     * {@code java -cp signaling/target/classes org.lianxin.signaling.live.JanusConfig FOLDER WS_IP WS_PORT
     * ADMIN_WS_PORT ADMIN_KEY ADMIN_SECRET [ICE_INTERFACE]}: what {@code ./lianxin up} runs.
     */
    public static void main(String[] args) {
        if (args.length < 6 || args.length > 7) {
            System.err.println("usage: JanusConfig FOLDER WS_IP WS_PORT ADMIN_WS_PORT ADMIN_KEY ADMIN_SECRET [ICE_INTERFACE]");
            System.exit(2);
        }
        String iface = args.length == 7 && !args[6].isBlank() ? args[6] : null;
        new JanusConfig(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], args[5], iface,
                "lianxin").writeTo(Path.of(args[0]));
    }

    private static String folderSetting(String config, String key, String fallback) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s*=\\s*\"([^\"]+)\"").matcher(config);
        return m.find() ? m.group(1) : fallback;
    }

    /** The comma list of modules in {@code dir} except {@code keep} (Janus's {@code disable} syntax). */
    private static String othersThan(String dir, String keep) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return String.join(",", files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".so") && !f.equals(keep)).sorted().toList());
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path folder, String name, String content) {
        try {
            Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
