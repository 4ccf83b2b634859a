package org.lianxin.signaling.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Janus on 127.0.0.1 speaking the real WebSocket JSON of Janus 1.1 and its videoroom
 * plugin (sessions, handles, keepalive, ack + event, core and plugin errors) for fast tests of the
 * adapter and of live rooms on it. A test fixture shared through signaling's test-jar (it knows
 * nothing of the adapter's code). Behaviour knobs let a test reorder, drop or withhold replies and cut connections.
 */
public final class FakeJanus implements AutoCloseable {

    /** The plugin's wire name, written here on purpose rather than taken from the adapter. */
    private static final String VIDEOROOM = "janus.plugin.videoroom";

    private final JsonMapper json = JsonMapper.builder().build();
    private final Tomcat tomcat = new Tomcat();
    private final List<Session> connections = new CopyOnWriteArrayList<>();
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> handles = new ConcurrentHashMap<>(); // handle -> session
    private final Map<Long, String> rooms = new ConcurrentHashMap<>(); // room -> secret
    private final Map<Long, Map<Long, String>> participants = new ConcurrentHashMap<>(); // room -> feed -> display
    private final Map<Long, Long> feedHandles = new ConcurrentHashMap<>(); // a publisher's feed -> its handle
    private final Set<Long> publishingHandles = ConcurrentHashMap.newKeySet(); // publishers that sent an offer
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<Long, Long> forwarders = new ConcurrentHashMap<>(); // stream id -> feed
    private final Map<String, Long> publisherHandles = new ConcurrentHashMap<>(); // display -> last publisher handle
    private final AtomicInteger keepalives = new AtomicInteger();
    private final Map<Long, AtomicInteger> keepalivesBySession = new ConcurrentHashMap<>();
    private final AtomicInteger sessionsCreated = new AtomicInteger();
    private final AtomicInteger claims = new AtomicInteger();
    private final List<String> verbs = new CopyOnWriteArrayList<>();
    /** The plugin request bodies received so far, as JSON text, in order. */
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keyframeRequests = new CopyOnWriteArrayList<>();

    /** Send the plugin's event before the ack of an asynchronous request (Janus does this). */
    public volatile boolean eventBeforeAck = true;
    /** Answer nothing at all (requests time out). */
    public volatile boolean silent;
    /** Answer nothing to keepalives (but everything else). */
    public volatile boolean ignoreKeepalives;
    /** Hold each {@code claim} unanswered until {@link #releaseClaims()} (a slow claim). */
    public volatile boolean holdClaims;
    private final List<Runnable> heldClaims = new CopyOnWriteArrayList<>();
    /** Plugin requests whose body (JSON text) matches are received but answered only at {@link #releaseRequests()}. */
    public volatile java.util.function.Predicate<String> holdRequests = b -> false;
    private final List<Runnable> heldRequests = new CopyOnWriteArrayList<>();

    public FakeJanus() throws IOException, LifecycleException {
        tomcat.setBaseDir(Files.createTempDirectory("fake-janus").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "default", new HttpServlet() { });
        ctx.addServletMappingDecoded("/", "default");
        ctx.addServletContainerInitializer(new WsSci(), null);
        ctx.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Endpoint.class, "/")
                        .subprotocols(List.of("janus-protocol"))
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            @SuppressWarnings("unchecked")
                            public <T> T getEndpointInstance(Class<T> endpointClass) {
                                return (T) new Connection();
                            }
                        }).build());
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }, null);
        tomcat.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
    }

    public int keepalives() {
        return keepalives.get();
    }

    /** Keepalives received for one session. */
    public int keepalivesOf(long session) {
        AtomicInteger n = keepalivesBySession.get(session);
        return n == null ? 0 : n.get();
    }

    public int sessionsCreated() {
        return sessionsCreated.get();
    }

    /** The successful {@code claim}s so far. */
    public int claims() {
        return claims.get();
    }

    /** Whether Janus has the session (created, not destroyed nor expired). */
    public boolean hasSession(long session) {
        return sessions.contains(session);
    }

    /**
     * The session's {@code reclaim_session_timeout} ran out: Janus forgets it and its handles (a claim then gets 458).
     * Sessions outlive their connections in this fake, as with a reclaim timeout, until this or {@code destroy}.
     */
    public void expire(long session) {
        sessions.remove(session);
        handles.values().removeIf(owner -> owner == session);
    }

    public int openConnections() {
        return (int) connections.stream().filter(Session::isOpen).count();
    }

    /** The handle of the last publisher joined with this display name. */
    public long publisherHandle(String display) {
        Long handle = publisherHandles.get(display);
        if (handle == null) {
            throw new IllegalStateException("no publisher " + display);
        }
        return handle;
    }

    /** The display names of the publishers asked for a keyframe ({@code configure} with {@code keyframe}), in order. */
    public List<String> keyframeRequests() {
        return List.copyOf(keyframeRequests);
    }

    /** The Janus verbs received so far ("create", "attach", "message/join", ...). */
    public List<String> verbs() {
        return List.copyOf(verbs);
    }

    /** The plugin request bodies received so far (JSON text), in order: what a test asserts of a request's fields. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Every connection is cut; Janus keeps its sessions (as with a reclaim timeout), handles and rooms. */
    public void cutConnections() throws IOException {
        for (Session s : connections) {
            if (s.isOpen()) {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "cut"));
            }
        }
    }

    /** Janus restarts: every connection is cut and every session, handle and room forgotten. */
    public void restart() throws IOException {
        sessions.clear();
        handles.clear();
        rooms.clear();
        participants.clear();
        forwarders.clear();
        for (Session s : connections) {
            if (s.isOpen()) {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "restart"));
            }
        }
    }

    /**
     * Tells every connection that the peer connection of the last publisher joined with this display
     * name is up ({@code webrtcup} from its handle), as Janus does after ICE and DTLS.
     */
    public void webrtcUp(String display) throws IOException {
        Long handle = publisherHandles.get(display);
        if (handle == null) {
            throw new IllegalStateException("no publisher " + display);
        }
        ObjectNode up = json.createObjectNode().put("janus", "webrtcup").put("session_id", handles.getOrDefault(handle, 0L))
                .put("sender", handle);
        push(json.writeValueAsString(up));
    }

    /**
     * Tells every connection that Janus started or stopped receiving a medium ({@code kind} "audio" or "video", mid
     * 0 or 1) from the last publisher joined with this display name ({@code media} from its handle), as Janus does
     * a second after the packets stop and at the first packet after that.
     */
    public void media(String display, String kind, boolean receiving) throws IOException {
        Long handle = publisherHandles.get(display);
        if (handle == null) {
            throw new IllegalStateException("no publisher " + display);
        }
        ObjectNode m = json.createObjectNode().put("janus", "media").put("session_id", handles.getOrDefault(handle, 0L))
                .put("sender", handle).put("mid", "video".equals(kind) ? "1" : "0").put("type", kind)
                .put("receiving", receiving);
        push(json.writeValueAsString(m));
    }

    /** The running RTP forwarders (stream ids). */
    public Set<Long> forwarders() {
        return Set.copyOf(forwarders.keySet());
    }

    /** Whether a room exists (made and not destroyed since the last restart). */
    public boolean hasRoom(long room) {
        return rooms.containsKey(room);
    }

    /** The claims held unanswered so far ({@link #holdClaims}). */
    public int heldClaims() {
        return heldClaims.size();
    }

    /** Answers the claims held so far, as Janus would have at once (458 for a session it no longer has). */
    public void releaseClaims() {
        holdClaims = false;
        List<Runnable> answers = List.copyOf(heldClaims);
        heldClaims.clear();
        answers.forEach(Runnable::run);
    }

    /** Answers the plugin requests held so far ({@link #holdRequests}) in the order they came, and holds no more. */
    public void releaseRequests() {
        holdRequests = b -> false;
        List<Runnable> answers = List.copyOf(heldRequests);
        heldRequests.clear();
        answers.forEach(Runnable::run);
    }

    /** The feed leaves the room (its browser went away) without a word to anyone: listed no more. */
    public void participantGone(long room, long feed) {
        var list = participants.get(room);
        if (list != null) {
            list.remove(feed);
        }
    }

    /** Forgets one handle, as if Janus had dropped it (requests on it then get error 459). */
    public void forgetHandle(long handle) {
        handles.remove(handle);
    }

    /** Sends a raw message (e.g. an event Janus would push) on every open connection. */
    public void push(String message) throws IOException {
        for (Session s : connections) {
            if (s.isOpen()) {
                synchronized (s) {
                    s.getBasicRemote().sendText(message);
                }
            }
        }
    }

    public ObjectNode parse(String text) {
        return (ObjectNode) json.readTree(text);
    }

    @Override
    public void close() throws Exception {
        for (Session s : connections) {
            if (s.isOpen()) {
                s.close();
            }
        }
        tomcat.stop();
        tomcat.destroy();
    }

    private final class Connection extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            connections.add(session);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    handle(session, (ObjectNode) json.readTree(text));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            connections.remove(session);
        }
    }

    private void send(Session s, ObjectNode message) throws IOException {
        synchronized (s) {
            if (s.isOpen()) {
                s.getBasicRemote().sendText(json.writeValueAsString(message));
            }
        }
    }

    private ObjectNode reply(String verb, JsonNode request) {
        ObjectNode r = json.createObjectNode();
        r.put("janus", verb);
        if (request.has("session_id")) {
            r.put("session_id", request.path("session_id").asLong());
        }
        r.put("transaction", request.path("transaction").asString());
        return r;
    }

    private ObjectNode error(JsonNode request, int code, String reason) {
        ObjectNode r = reply("error", request);
        r.putObject("error").put("code", code).put("reason", reason);
        return r;
    }

    private void handle(Session s, ObjectNode m) throws IOException {
        String verb = m.path("janus").asString();
        if ("claim".equals(verb) && holdClaims) {
            heldClaims.add(() -> {
                try {
                    handle(s, m);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return;
        }
        String request = m.path("body").path("request").asString("");
        verbs.add(request.isEmpty() ? verb : verb + "/" + request);
        if (!request.isEmpty()) {
            bodies.add(m.path("body").toString());
            if ("message".equals(verb) && holdRequests.test(m.path("body").toString())) {
                heldRequests.add(() -> {
                    try {
                        message(s, m);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                return;
            }
        }
        if (silent) {
            return;
        }
        if (!"create".equals(verb) && !sessions.contains(m.path("session_id").asLong())) {
            send(s, error(m, 458, "No such session " + m.path("session_id").asLong()));
            return;
        }
        switch (verb) {
            case "create" -> {
                long id = ids.incrementAndGet();
                sessions.add(id);
                sessionsCreated.incrementAndGet();
                ObjectNode r = reply("success", m);
                r.putObject("data").put("id", id);
                send(s, r);
            }
            case "claim" -> { // the session (known, checked above) is this connection's now, its handles usable
                claims.incrementAndGet();
                send(s, reply("success", m));
            }
            case "keepalive" -> {
                keepalives.incrementAndGet();
                keepalivesBySession.computeIfAbsent(m.path("session_id").asLong(), k -> new AtomicInteger())
                        .incrementAndGet();
                if (!ignoreKeepalives) {
                    send(s, reply("ack", m));
                }
            }
            case "attach" -> {
                if (!VIDEOROOM.equals(m.path("plugin").asString())) {
                    send(s, error(m, 460, "No such plugin"));
                    return;
                }
                long id = ids.incrementAndGet();
                handles.put(id, m.path("session_id").asLong());
                ObjectNode r = reply("success", m);
                r.putObject("data").put("id", id);
                send(s, r);
            }
            case "detach" -> {
                if (handles.remove(m.path("handle_id").asLong()) == null) {
                    send(s, error(m, 459, "No such handle"));
                } else {
                    send(s, reply("success", m));
                }
            }
            case "destroy" -> {
                sessions.remove(m.path("session_id").asLong());
                send(s, reply("success", m));
            }
            case "trickle" -> send(s, reply("ack", m));
            case "message" -> message(s, m);
            default -> send(s, error(m, 453, "Unknown request '" + verb + "'"));
        }
    }

    private void message(Session s, ObjectNode m) throws IOException {
        long handle = m.path("handle_id").asLong();
        if (!handles.containsKey(handle)) {
            send(s, error(m, 459, "No such handle " + handle + " in session " + m.path("session_id").asLong()));
            return;
        }
        JsonNode body = m.path("body");
        long room = body.path("room").asLong();
        ObjectNode data = json.createObjectNode();
        switch (body.path("request").asString("")) {
            case "create" -> {
                if (rooms.putIfAbsent(room, body.path("secret").asString("")) != null) {
                    syncError(s, m, 427, "Room " + room + " already exists");
                    return;
                }
                participants.put(room, new ConcurrentHashMap<>());
                data.put("videoroom", "created").put("room", room).put("permanent", false);
                sync(s, m, data);
            }
            case "destroy" -> {
                if (!rooms.containsKey(room)) {
                    syncError(s, m, 426, "No such room (" + room + ")");
                    return;
                }
                rooms.remove(room);
                participants.remove(room);
                data.put("videoroom", "destroyed").put("room", room).put("permanent", false);
                sync(s, m, data);
            }
            case "listparticipants" -> {
                if (!rooms.containsKey(room)) {
                    syncError(s, m, 426, "No such room (" + room + ")");
                    return;
                }
                data.put("videoroom", "participants").put("room", room);
                var list = data.putArray("participants");
                participants.get(room).forEach((feed, display) ->
                        list.addObject().put("id", feed).put("display", display).put("publisher",
                                publishingHandles.contains(feedHandles.getOrDefault(feed, 0L))));
                sync(s, m, data);
            }
            case "join" -> {
                if (!rooms.containsKey(room)) {
                    asyncError(s, m, 426, "No such room (" + room + ")");
                    return;
                }
                if ("subscriber".equals(body.path("ptype").asString())) { // multistream: attached, with an offer
                    data.put("videoroom", "attached").put("room", room);
                    async(s, m, data, json.createObjectNode().put("type", "offer")
                            .put("sdp", "v=0\r\ns=fake subscription offer\r\n"));
                    return;
                }
                long feed = ids.incrementAndGet();
                participants.get(room).put(feed, body.path("display").asString(""));
                if ("publisher".equals(body.path("ptype").asString())) {
                    publisherHandles.put(body.path("display").asString(""), handle);
                    feedHandles.put(feed, handle);
                }
                data.put("videoroom", "joined").put("room", room).put("id", feed).put("private_id", 7);
                data.putArray("publishers");
                async(s, m, data, null);
            }
            case "configure" -> {
                if (body.path("keyframe").asBoolean(false)) {
                    publisherHandles.forEach((display, h) -> {
                        if (h == handle) {
                            keyframeRequests.add(display);
                        }
                    });
                }
                data.put("videoroom", "event").put("configured", "ok");
                ObjectNode jsep = null;
                if (m.has("jsep")) {
                    publishingHandles.add(handle);
                    jsep = json.createObjectNode().put("type", "answer").put("sdp", "v=0\r\ns=fake answer\r\n");
                } else if (body.path("restart").asBoolean(false)) { // a subscriber's ICE restart: a new offer
                    jsep = json.createObjectNode().put("type", "offer").put("sdp", "v=0\r\ns=fake restart offer\r\n");
                }
                async(s, m, data, jsep);
            }
            case "update" -> { // a subscriber's renegotiation: the feeds it subscribes to, a new offer
                data.put("videoroom", "updated").put("room", room);
                var streams = data.putArray("streams");
                int mid = 1;
                java.util.Map<Long, Integer> byMid = new java.util.HashMap<>();
                for (JsonNode f : body.path("subscribe")) {
                    if (f.has("mid")) { // one published stream of the feed: its first audio, then video
                        int n = byMid.merge(f.path("feed").asLong(), 1, Integer::sum);
                        streams.addObject().put("type", n == 1 ? "audio" : "video").put("active", true)
                                .put("mid", String.valueOf(mid++)).put("feed_id", f.path("feed").asLong())
                                .put("send", f.path("send").asBoolean(true));
                        continue;
                    }
                    streams.addObject().put("type", "audio").put("active", true).put("mid", String.valueOf(mid++))
                            .put("feed_id", f.path("feed").asLong());
                    streams.addObject().put("type", "video").put("active", true).put("mid", String.valueOf(mid++))
                            .put("feed_id", f.path("feed").asLong());
                }
                async(s, m, data, json.createObjectNode().put("type", "offer")
                        .put("sdp", "v=0\r\ns=fake updated offer\r\n"));
            }
            case "start" -> { // a subscriber's answer
                data.put("videoroom", "event").put("started", "ok");
                async(s, m, data, null);
            }
            case "rtp_forward" -> {
                if (!rooms.containsKey(room)) {
                    syncError(s, m, 426, "No such room (" + room + ")");
                    return;
                }
                if (!rooms.get(room).equals(body.path("secret").asString(""))) {
                    syncError(s, m, 433, "Unauthorized (wrong secret)");
                    return;
                }
                long feed = body.path("publisher_id").asLong();
                if (!participants.get(room).containsKey(feed)) {
                    syncError(s, m, 428, "No such feed (" + feed + ")");
                    return;
                }
                data.put("videoroom", "rtp_forward").put("room", room).put("publisher_id", feed);
                var list = data.putArray("forwarders");
                for (JsonNode st : body.path("streams")) {
                    long id = ids.incrementAndGet();
                    forwarders.put(id, feed);
                    list.addObject().put("stream_id", id).put("type", "x").put("mid", st.path("mid").asString())
                            .put("host", body.path("host").asString()).put("port", st.path("port").asInt());
                }
                sync(s, m, data);
            }
            case "stop_rtp_forward" -> {
                if (forwarders.remove(body.path("stream_id").asLong()) == null) {
                    syncError(s, m, 428, "No such stream (" + body.path("stream_id").asLong() + ")");
                    return;
                }
                data.put("videoroom", "stop_rtp_forward").put("room", room).put("stream_id", body.path("stream_id").asLong());
                sync(s, m, data);
            }
            case "listforwarders" -> { // every forwarder of the room's publishers, as Janus 1.1 lists them
                if (!rooms.containsKey(room)) {
                    syncError(s, m, 426, "No such room (" + room + ")");
                    return;
                }
                data.put("videoroom", "forwarders").put("room", room);
                var list = data.putArray("publishers");
                java.util.Map<Long, tools.jackson.databind.node.ArrayNode> byFeed = new java.util.TreeMap<>();
                forwarders.forEach((id, feed) -> {
                    if (participants.get(room).containsKey(feed)) {
                        byFeed.computeIfAbsent(feed, f -> {
                            ObjectNode pl = list.addObject().put("publisher_id", f);
                            return pl.putArray("forwarders");
                        }).addObject().put("stream_id", id);
                    }
                });
                sync(s, m, data);
            }
            default -> syncError(s, m, 423, "Unsupported request in the fake");
        }
    }

    private void sync(Session s, JsonNode m, ObjectNode data) throws IOException {
        ObjectNode r = reply("success", m);
        r.put("sender", m.path("handle_id").asLong());
        r.putObject("plugindata").put("plugin", VIDEOROOM).set("data", data);
        send(s, r);
    }

    private void syncError(Session s, JsonNode m, int code, String reason) throws IOException {
        ObjectNode data = json.createObjectNode().put("videoroom", "event").put("error_code", code).put("error", reason);
        sync(s, m, data);
    }

    private void asyncError(Session s, JsonNode m, int code, String reason) throws IOException {
        ObjectNode data = json.createObjectNode().put("videoroom", "event").put("error_code", code).put("error", reason);
        async(s, m, data, null);
    }

    private void async(Session s, JsonNode m, ObjectNode data, ObjectNode jsep) throws IOException {
        ObjectNode event = reply("event", m);
        event.put("sender", m.path("handle_id").asLong());
        event.putObject("plugindata").put("plugin", VIDEOROOM).set("data", data);
        if (jsep != null) {
            event.set("jsep", jsep);
        }
        if (eventBeforeAck) {
            send(s, event);
            send(s, reply("ack", m));
        } else {
            send(s, reply("ack", m));
            send(s, event);
        }
    }
}
