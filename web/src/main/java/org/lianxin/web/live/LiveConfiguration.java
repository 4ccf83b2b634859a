package org.lianxin.web.live;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lianxin.signaling.live.JanusNode;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.live.SignalingEndpoint;
import org.lianxin.signaling.live.WebSocketConnections;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinTokenSettings;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.web.config.LianxinProperties;
import org.lianxin.web.config.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Wires live video: the Janus media engine, join tokens, the live rooms and their lifecycle, and the signaling
 * WebSocket at {@code /ws/signaling} (open to anyone: the join token is the credential). What a room's events do
 * to bookings, lobbies, consultations and recordings is decided by the features' listeners
 * ({@link LiveRoomListener}: {@code reception}, {@code consultation}; the recording's), not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignalingProperties.class)
public class LiveConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LiveConfiguration.class);

    @Bean
    JoinTokens joinTokens(SignalingProperties props, LianxinProperties app, Environment env, Clock clock) {
        List<String> errors = new ArrayList<>();
        String encoded = props.tokenSecret();
        if (encoded == null || encoded.isBlank()) {
            if (env.acceptsProfiles(Profiles.of("prod"))) {
                errors.add("lianxin.signaling.token-secret: required in the prod profile (base64, at least 32 bytes;"
                        + " e.g. `openssl rand -base64 32`); set it through the environment"
                        + " (LIANXIN_SIGNALING_TOKENSECRET), and the same on every node");
            } else {
                var file = app.dataDir().resolve("signaling-token.key");
                encoded = SecretFiles.readOrCreate(file, () -> {
                    byte[] b = new byte[32];
                    new SecureRandom().nextBytes(b);
                    return Base64.getEncoder().encodeToString(b);
                });
                log.info("lianxin.signaling.token-secret unset: using the generated key in {}", file.toAbsolutePath());
            }
        }
        byte[] secret = null;
        if (encoded != null && !encoded.isBlank()) {
            try {
                secret = Base64.getDecoder().decode(encoded.trim());
                if (secret.length < 32) {
                    errors.add("lianxin.signaling.token-secret: must decode to at least 32 bytes, has " + secret.length);
                }
            } catch (IllegalArgumentException e) {
                errors.add("lianxin.signaling.token-secret: not valid base64");
            }
        }
        JoinTokenSettings settings = null;
        try {
            settings = JoinTokenSettings.defaults().withTtl(props.tokenTtl());
        } catch (IllegalArgumentException e) {
            errors.add("lianxin.signaling.token-ttl: " + e.getMessage());
        }
        try {
            new RoomSettings(props.reconnectGrace(), RoomSettings.defaults().lobbyTurnEstimate());
        } catch (IllegalArgumentException e) {
            errors.add("lianxin.signaling.reconnect-grace: " + e.getMessage());
        }
        if (props.idleTimeout().compareTo(Duration.ofSeconds(5)) < 0) {
            errors.add("lianxin.signaling.idle-timeout: at least 5s, was " + props.idleTimeout());
        }
        if (props.roomOpensBefore().isNegative()) {
            errors.add("lianxin.signaling.room-opens-before: must not be negative");
        }
        String scheme = props.janusUrl().getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            errors.add("lianxin.signaling.janus-url: must be ws:// or wss://, was " + props.janusUrl());
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Bad configuration:\n  - " + String.join("\n  - ", errors));
        }
        return new JoinTokens(secret, settings, clock);
    }

    @Bean
    MediaEngine mediaEngine(SignalingProperties props) {
        JanusNode node = new JanusNode(props.janusUrl(), blankToNull(props.janusAdminKey()), props.janusAdminUrl(),
                blankToNull(props.janusAdminSecret()), props.janusRequestTimeout());
        log.info("media: {} (lianxin.signaling.janus-url); per-stream counters {} (lianxin.signaling.janus-admin-url)",
                node, props.janusAdminUrl() == null ? "off" : "on");
        return node.connect();
    }

    @Bean
    ProtocolCodec protocolCodec() {
        return new ProtocolCodec();
    }

    @Bean
    WebSocketConnections webSocketConnections(ProtocolCodec codec) {
        return new WebSocketConnections(codec);
    }

    /**
     * The live rooms, telling what happens in them to every {@link LiveRoomListener} bean in its {@code @Order}
     * (each feature's, e.g. bookings following their rooms before the lobby waits that read the bookings' state),
     * then to the plain {@link RoomEventListener} beans (the recording, which takes its events onto a thread of
     * its own).
     */
    @Bean
    LiveRooms liveRooms(MediaEngine media, JoinTokens tokens, SignalingProperties props, Clock clock,
                        WebSocketConnections connections, ObjectProvider<LiveRoomListener> features,
                        ObjectProvider<RoomEventListener> plain) {
        RoomSettings settings = new RoomSettings(props.reconnectGrace(), RoomSettings.defaults().lobbyTurnEstimate());
        List<LiveRoomListener> inOrder = features.orderedStream().toList();
        List<RoomEventListener> others = plain.orderedStream().toList();
        log.info("live rooms tell {} then {}", inOrder.stream().map(l -> l.getClass().getSimpleName()).toList(),
                others.stream().map(l -> l.getClass().getSimpleName()).toList());
        return new LiveRooms(media, tokens, settings, clock, connections, new LiveRoomEvents(inOrder, others));
    }

    @Bean
    LiveRoomsLifecycle liveRoomsLifecycle(LiveRooms rooms) {
        return new LiveRoomsLifecycle(rooms);
    }

    @Bean
    ServerEndpointConfig signalingEndpoint(LiveRooms rooms, WebSocketConnections connections, ProtocolCodec codec,
                                           SignalingProperties props) {
        return SignalingEndpoint.config(rooms, connections, codec, props.idleTimeout());
    }

    /**
     * Per-connection buffers: Tomcat's 8 KiB defaults cost ~70 KB per idle signaling connection (see
     * BENCHMARKS.md, signaling). Our endpoint reads frames in parts (the codec enforces the 64 KiB message limit),
     * so 2 KiB WebSocket message buffers lose nothing.
     */
    static final int WS_BUFFER_BYTES = 2048;

    @Bean
    static ServerEndpointExporter serverEndpointExporter() {
        return new ServerEndpointExporter() {
            @Override
            protected void registerEndpoints() {
                jakarta.websocket.server.ServerContainer container = getServerContainer();
                if (container != null) {
                    container.setDefaultMaxTextMessageBufferSize(WS_BUFFER_BYTES);
                    container.setDefaultMaxBinaryMessageBufferSize(WS_BUFFER_BYTES);
                }
                super.registerEndpoints();
            }
        };
    }

    /** Smaller socket read/write buffers for every connection (HTTP bodies are still read whole, in more reads). */
    @Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(WS_BUFFER_BYTES * 2));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(WS_BUFFER_BYTES * 2));
        };
    }

    /** The signaling WebSocket needs no login: the join token in its first message is the credential. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain signalingSocketChain(HttpSecurity http) throws Exception {
        http.securityMatcher(SignalingEndpoint.PATH)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable())
                .securityContext(s -> s.disable())
                .sessionManagement(s -> s.disable());
        return http.build();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
