package org.lianxin.web.testing;

import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.URI;
import java.net.http.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * The two ends of a booked reception in its live room over the signaling socket, as the live ITs need them: the county
 * staff {@code jinjiang.scheduler} checked the petitioner in, the demo leader {@code jinjiang.leader} joined as host,
 * the terminal joined and waits in the lobby, and the leader was told ({@code participantWaiting}). The application's
 * clock must already be within the booking's joining window.
 *
 * @param leader     the host's socket
 * @param petitioner the terminal's socket
 */
public record LobbyPair(WsClient leader, WsClient petitioner) implements AutoCloseable {

    /** Checks the booking in with the case's ID number, then both join: the petitioner waits, the leader knows it. */
    public static LobbyPair enter(int port, String password, long bookingId, String idNumber) {
        HttpClient http = HttpClient.newHttpClient();
        String staff = LiveHttp.basic("jinjiang.scheduler", password);
        ok(LiveHttp.send(http, port, "POST", "/api/v1/bookings/" + bookingId + "/check-in", staff,
                "{\"idNumber\":\"" + idNumber + "\"}"));
        JsonNode host = ok(LiveHttp.send(http, port, "POST", "/api/v1/bookings/" + bookingId + "/join-token",
                LiveHttp.basic("jinjiang.leader", password), null));
        JsonNode terminal = ok(LiveHttp.send(http, port, "POST", "/api/v1/bookings/" + bookingId + "/join-token", staff,
                null));
        WsClient leader = joins(host, "j1");
        try {
            WsClient petitioner = joins(terminal, "j2");
            leader.next("participantWaiting");
            return new LobbyPair(leader, petitioner);
        } catch (RuntimeException | Error e) {
            leader.close();
            throw e;
        }
    }

    /** A socket to the token's {@code wsUrl} that sent {@code join} with the token and got {@code joined}. */
    public static WsClient joins(JsonNode token, String correlation) {
        WsClient c = WsClient.connect(URI.create(token.path("wsUrl").asString()));
        try {
            c.send("join", correlation, "\"token\":\"" + token.path("token").asString() + "\"");
            c.next("joined");
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** The leader admits the petitioner, who is told. */
    public void admit(String correlation) {
        leader.send("admit", correlation, "\"participantId\":\"petitioner\"");
        petitioner.next("admitted");
    }

    @Override
    public void close() {
        try {
            petitioner.close();
        } finally {
            leader.close();
        }
    }
}
