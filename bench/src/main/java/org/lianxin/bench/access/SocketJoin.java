package org.lianxin.bench.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The signaling socket's join (open to anyone: the join token is the credential) with tokens that name another
 * office's booking but were not issued for it: a forged token (a claim with no valid signature) and a token of no
 * form at all. The answer must be an {@code error}; a {@code joined} (or a room's state) is a leak. The REST side —
 * asking for a join token of another office's booking — is tried with the OpenAPI operations.
 */
final class SocketJoin {
    private final Http http;
    private final World world;

    SocketJoin(Http http, World world, String password) {
        this.http = http;
        this.world = world;
    }

    void check(Verdicts verdicts) {
        World.OfficeRow fucheng = world.office("510703");
        Long other = fucheng == null ? null : world.pick("bookings", fucheng.id(), true);
        String claim = "{\"room\":\"booking-" + other + "\",\"bookingId\":" + other
                + ",\"role\":\"HOST\",\"exp\":4102444800}";
        String forged = b64(claim) + "." + b64("not-a-signature");
        Subject nobody = new Subject("signaling socket", Subject.Kind.ANONYMOUS, null, 0, null,
                Http.Credentials.NONE);
        for (String token : new String[] {forged, "booking-" + other}) {
            String answer = join(token);
            boolean joined = answer.contains("\"joined\"") || answer.contains("\"lobby\"");
            int status = joined ? 200 : 403;
            verdicts.judge(nobody, "socket join", "WS", "/ws/signaling join booking " + other + " (not issued)",
                    Rules.Scope.OTHER, false, new Http.Response(status, answer, "text/plain", java.util.List.of()));
            if (answer.isEmpty()) verdicts.note("the signaling socket gave no answer to a forged join in 10 s");
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The first message the socket sends back to a join with this token ("" if none within 10 s). */
    private String join(String token) {
        String ws = http.base().replaceFirst("^http", "ws") + "/ws/signaling";
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = null;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(ws), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) first.complete(text.toString());
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"join\",\"token\":\"" + token + "\"}", true).get(10, TimeUnit.SECONDS);
            return first.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return first.getNow("");
        } finally {
            if (socket != null) socket.abort();
        }
    }
}
