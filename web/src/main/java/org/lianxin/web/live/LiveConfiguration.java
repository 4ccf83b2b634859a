package org.lianxin.web.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.signaling.live.AdmissionGate;
import org.lianxin.signaling.live.LiveMediaSettings;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.RoomOwners;
import org.lianxin.signaling.live.SignalingEndpoint;
import org.lianxin.signaling.live.WebSocketConnections;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinTokenSettings;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.turn.TurnCredentials;

import org.lianxin.web.cluster.RoomMediaRecords;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.ClusterProperties;
import org.lianxin.web.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Wires live video (the media engine is {@link MediaNodesConfiguration}'s): join tokens, the live rooms and their lifecycle, and the signaling
 * WebSocket at {@code /ws/signaling} (open to anyone: the join token is the credential). What a room's events do
 * to bookings, lobbies, consultations and recordings is decided by the features' listeners
 * ({@link LiveRoomListener}: {@code reception}, {@code consultation}, {@code recording}), not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignalingProperties.class)
public class LiveConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LiveConfiguration.class);

    /** The join tokens' signing key: configured (the same on every node), else generated (never in prod). */
    static final Secrets.Base64Key TOKEN_SECRET = new Secrets.Base64Key("lianxin.signaling.token-secret",
            "LIANXIN_SIGNALING_TOKENSECRET", "signaling-token.key", 32, "and the same on every node");

    /** The live rooms' keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<SignalingProperties> signalingKeys() {
        return new CheckedProperties<>("lianxin.signaling", SignalingProperties.class, LiveConfiguration::check);
    }

    static void check(SignalingProperties props, Secrets secrets, List<String> problems) {
        secrets.check(TOKEN_SECRET, props.tokenSecret(), problems);
        if (props.tokenTtl() != null) {
            try {
                JoinTokenSettings.defaults().withTtl(props.tokenTtl());
            } catch (IllegalArgumentException e) {
                problems.add("lianxin.signaling.token-ttl: " + e.getMessage());
            }
        }
        if (props.reconnectGrace() != null) {
            try {
                new RoomSettings(props.reconnectGrace(), RoomSettings.defaults().lobbyTurnEstimate());
            } catch (IllegalArgumentException e) {
                problems.add("lianxin.signaling.reconnect-grace: " + e.getMessage());
            }
        }
        if (props.idleTimeout() != null && props.idleTimeout().compareTo(Duration.ofSeconds(5)) < 0) {
            problems.add("lianxin.signaling.idle-timeout: at least 5s, was " + props.idleTimeout());
        }
        if (props.roomOpensBefore() != null && props.roomOpensBefore().isNegative()) {
            problems.add("lianxin.signaling.room-opens-before: must not be negative");
        }
        if (props.janusUrl() != null) {
            String scheme = props.janusUrl().getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
                problems.add("lianxin.signaling.janus-url: must be ws:// or wss://, was " + props.janusUrl());
            }
        }
    }

    @Bean
    JoinTokens joinTokens(SignalingProperties props, Secrets secrets, Clock clock) {
        signalingKeys().requireValid(props, secrets); // checked at start-up already; here for a factory used alone
        byte[] secret = secrets.base64Key(TOKEN_SECRET, props.tokenSecret());
        return new JoinTokens(secret, JoinTokenSettings.defaults().withTtl(props.tokenTtl()), clock);
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
     * (each feature's: the recording's first, which only queues the event for its own thread; bookings following
     * their rooms before the lobby waits that read the bookings' state).
     */
    @Bean
    LiveRooms liveRooms(MediaEngine media, JoinTokens tokens, SignalingProperties props, Clock clock,
                        WebSocketConnections connections, ObjectProvider<LiveRoomListener> features,
                        ObjectProvider<TurnCredentials> turn, ObjectProvider<RoomOwners> owners,
                        ObjectProvider<RoomMediaRecorder> mediaRecords, ObjectProvider<AdmissionGate> admissions) {
        RoomSettings settings = new RoomSettings(props.reconnectGrace(), RoomSettings.defaults().lobbyTurnEstimate());
        List<LiveRoomListener> inOrder = features.orderedStream().toList();
        log.info("live rooms tell {}", inOrder.stream().map(l -> l.getClass().getSimpleName()).toList());
        LiveRooms rooms = new LiveRooms(media, tokens, settings, clock, connections, new LiveRoomEvents(inOrder),
                turn.getIfAvailable(TurnCredentials::none), new LiveMediaSettings(props.keyframeOnMediaResume()));
        owners.ifAvailable(rooms::ownedBy);
        mediaRecords.ifAvailable(rooms::journalTo);
        admissions.ifAvailable(rooms::admittedThrough); // reception.BookingSessions: the session starts first
        return rooms;
    }

    /** Where each room's media is on Janus, written under the room's lease for an instance taking it over (issue 14). */
    @Bean
    RoomMediaRecorder roomMediaRecorder(RoomPlacement placement, DataSource dataSource, Clock clock,
                                        ObjectProvider<org.lianxin.signaling.nodes.MediaNodes> nodes) {
        return new RoomMediaRecorder(placement, new RoomMediaRecords(dataSource), clock, () -> {
            org.lianxin.signaling.nodes.MediaNodes media = nodes.getIfAvailable();
            return media == null ? java.util.Set.of() : media.status().stream()
                    .map(org.lianxin.signaling.nodes.MediaNodeStatus::name)
                    .collect(java.util.stream.Collectors.toSet());
        });
    }

    /** The leases of the rooms this instance owns, renewed from one thread (issue 14). */
    @Bean
    RoomLeaseHeartbeat roomLeaseHeartbeat(RoomPlacement placement, LiveRooms rooms, ClusterProperties cluster,
                                          org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        return new RoomLeaseHeartbeat(placement, rooms, cluster.roomLeaseRenew(), events::publishEvent, clock);
    }

    /** Closes the signaling connections of changed accounts, on every instance (issue 13). */
    @Bean
    AccountSessions accountSessions(LiveRooms rooms, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                                    org.lianxin.web.security.AccountChanges changes,
                                    org.lianxin.web.audit.AuditTrail trail, ClusterProperties cluster) {
        return new AccountSessions(rooms, jdbc, changes, trail, cluster.accountCheck());
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
