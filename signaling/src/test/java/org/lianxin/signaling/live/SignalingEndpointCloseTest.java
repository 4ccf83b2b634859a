package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ProtocolCodec;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * A connection's close while its own frame waits for the room: the room (another connection's frame, a removal, the
 * room's end) closes it holding the room's lock, and the container calls {@code onClose} right there, on that thread,
 * while the connection's frame holds the connection's order lock and waits for the room's. {@code onClose} must not
 * wait for that frame (it did: a deadlock seen under load, the room's end then hung for 15 minutes).
 */
class SignalingEndpointCloseTest {

    final LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    final JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void aRoomClosingAConnectionWhoseFrameWaitsForTheRoomGoesOnAndTheFrameIsHandledAfter() throws Exception {
        WebSocketConnections connections = new WebSocketConnections(codec);
        LiveRooms rooms = new LiveRooms(new LiveRoomsTest.MemoryMedia(), tokens,
                new RoomSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)), clock, connections, (r, s, e) -> { });
        rooms.start();
        rooms.open(LiveRoomsTest.ROOM, LiveRoomsTest.SESSION);
        FakeSession browser = new FakeSession();
        SignalingEndpoint endpoint = new SignalingEndpoint(rooms, connections, codec, Duration.ofMinutes(1));
        browser.endpoint = endpoint;
        endpoint.onOpen(browser.session, null);
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, LiveRoomsTest.ROOM, Role.OFFICIAL, "off",
                "off"));
        browser.frame(codec.encode(new ClientMessage.Join(token), "j"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.sent.stream().anyMatch(t -> t.contains("joined")));

        ReentrantLock roomLock = roomLock(rooms.room(LiveRoomsTest.ROOM));
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "close-test");
            t.setDaemon(true); // left behind if it deadlocks
            return t;
        });
        Future<?>[] frame = new Future<?>[1];
        Future<?> close = threads.submit(() -> {
            roomLock.lock(); // as the room does while it closes a connection
            try {
                frame[0] = threads.submit(() -> browser.frame(codec.encode(new ClientMessage.Heartbeat(), "h")));
                await().atMost(Duration.ofSeconds(10)).until(roomLock::hasQueuedThreads); // the frame waits for it
                browser.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "removed"));
            } finally {
                roomLock.unlock();
            }
            return null;
        });
        try {
            close.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("the close waited for the connection's frame, which waits for the room the close holds: deadlock");
        }
        frame[0].get(10, TimeUnit.SECONDS);
        assertThat(connections.size()).as("the closed connection is unregistered").isZero();
        threads.shutdown();
        rooms.stop(Duration.ofSeconds(2));
    }

    private static ReentrantLock roomLock(LiveRoom room) throws ReflectiveOperationException {
        Field f = LiveRoom.class.getDeclaredField("lock");
        f.setAccessible(true);
        return (ReentrantLock) f.get(room);
    }

    /** A container's session as far as the endpoint uses it; {@code close} calls {@code onClose} on its caller. */
    static final class FakeSession implements InvocationHandler {
        final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Session.class}, this);
        final List<String> sent = new CopyOnWriteArrayList<>();
        final RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        sent.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(new SendResult());
                    }
                    return null;
                });
        volatile SignalingEndpoint endpoint;
        volatile MessageHandler.Partial<String> text;
        volatile boolean open = true;

        void frame(String json) {
            text.onMessage(json, true);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "getRequestParameterMap":
                    return Map.of("room", List.of(LiveRoomsTest.ROOM));
                case "addMessageHandler":
                    if (args.length == 2 && args[0] == String.class) {
                        text = (MessageHandler.Partial<String>) args[1];
                    }
                    return null;
                case "getAsyncRemote":
                    return remote;
                case "isOpen":
                    return open;
                case "close":
                    open = false;
                    endpoint.onClose(session, args != null && args.length == 1 ? (CloseReason) args[0]
                            : new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, null));
                    return null;
                case "getId":
                    return "fake";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "FakeSession";
                default:
                    return null;
            }
        }
    }
}
