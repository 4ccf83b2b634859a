package org.lianxin.web.pages;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A fake signaling server inside the page under test, for page tests that run before (or without) the real
 * {@code /ws/signaling}: it replaces {@code window.WebSocket} and answers the page's join-token request
 * ({@code POST /api/v1/bookings/{id}/join-token}, through {@code window.fetch}) itself, records every frame the page
 * sends, lets the test send server frames, and plays a minimal SFU with real RTCPeerConnections in the same browser
 * (it answers {@code publish}; on {@code subscribe} it offers, as the real server does, a new subscription to exactly
 * the participants asked for, each showing the fake camera; it applies {@code answer} and {@code trickle}; it refuses
 * {@code prepareReceive} with 422 as a server whose media node cannot make the receiving connection ahead, so the page
 * takes its fallback of a connection per subscription), so media really flows through the page's peer connections.
 *
 * <p>It speaks the wire format of {@code org.lianxin.signaling.protocol} (see ProtocolCodecTest); it does not
 * implement the room's rules — the test plays the server's part by saying what a server would say.
 */
final class FakeSignaling {
    private static final String INSTALL = """
            (() => {
              const F = window.__fake = { sent: [], sockets: [], pcs: {}, pending: { publisher: [], subscriber: [] },
                                          ready: {}, token: arguments[0], role: arguments[1] };
              class FakeSocket {
                constructor(url) {
                  this.url = url; this.readyState = 0; F.sockets.push(this);
                  setTimeout(() => { if (this.readyState === 0) { this.readyState = 1; this.onopen && this.onopen({}); } }, 0);
                }
                send(data) { const m = JSON.parse(data); F.sent.push(m); F.onClient(m).catch(e => F.failure = String(e)); }
                close() {
                  if (this.readyState === 3) return;
                  this.readyState = 3; setTimeout(() => this.onclose && this.onclose({}), 0);
                }
              }
              FakeSocket.CONNECTING = 0; FakeSocket.OPEN = 1; FakeSocket.CLOSING = 2; FakeSocket.CLOSED = 3;
              window.WebSocket = FakeSocket;
              // the join-token request of a booking is answered here, as the server would grant it
              const realFetch = window.fetch.bind(window);
              window.fetch = (input, init) => {
                const url = new URL(typeof input === 'string' ? input : input.url, location.href);
                if ((init && init.method) === 'POST' && url.pathname.startsWith('/api/v1/bookings/')
                    && url.pathname.endsWith('/join-token')) {
                  return Promise.resolve(new Response(JSON.stringify({ token: F.token, roomId: 'room-1', role: F.role,
                      wsUrl: 'ws://' + location.host + '/ws/signaling' }),
                    { status: 200, headers: { 'Content-Type': 'application/json' } }));
                }
                return realFetch(input, init);
              };
              F.current = () => F.sockets[F.sockets.length - 1];
              F.say = (m) => { const s = F.current(); if (s && s.readyState === 1) s.onmessage({ data: JSON.stringify(m) }); };
              F.drop = () => { const s = F.current(); if (!s) return; s.readyState = 3; s.onclose && s.onclose({}); };
              const gathered = (pc) => new Promise(r => {
                if (pc.iceGatheringState === 'complete') return r();
                pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
              });
              const remoteSet = (target) => {
                F.ready[target] = true;
                for (const c of F.pending[target].splice(0)) F.pcs[target].addIceCandidate(c).catch(() => {});
              };
              F.onClient = async (m) => {
                if (m.type === 'publish') {
                  if (F.pcs.publisher) F.pcs.publisher.close();
                  F.ready.publisher = false;
                  const pc = F.pcs.publisher = new RTCPeerConnection({ iceServers: [] });
                  await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
                  remoteSet('publisher');
                  await pc.setLocalDescription(await pc.createAnswer());
                  await gathered(pc);
                  F.say({ type: 'answer', sdp: pc.localDescription.sdp });
                } else if (m.type === 'trickle') {
                  if (!m.candidate) return;
                  if (F.ready[m.target]) await F.pcs[m.target].addIceCandidate(m.candidate).catch(() => {});
                  else F.pending[m.target].push(m.candidate);
                } else if (m.type === 'subscribe') {
                  // as the real server: every subscribe is a new subscription to exactly the participants asked
                  // for, offered on a new connection
                  if (F.pcs.subscriber) F.pcs.subscriber.close();
                  F.ready.subscriber = false;
                  F.pending.subscriber = [];
                  const pc = F.pcs.subscriber = new RTCPeerConnection({ iceServers: [] });
                  for (const id of m.participants) {
                    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
                    stream.getTracks().forEach(t => {
                      const tr = pc.addTransceiver(t, { direction: 'sendonly', streams: [stream] });
                      tr.participantId = id;
                    });
                  }
                  await pc.setLocalDescription(await pc.createOffer());
                  await gathered(pc);
                  const streams = pc.getTransceivers().map(t => ({ mid: t.mid, participantId: t.participantId,
                                                                   kind: t.sender.track.kind }));
                  F.say({ type: 'offer', sdp: pc.localDescription.sdp, streams: streams });
                } else if (m.type === 'answer') {
                  await F.pcs.subscriber.setRemoteDescription({ type: 'answer', sdp: m.sdp });
                  remoteSet('subscriber');
                } else if (m.type === 'prepareReceive') {
                  // as the real server when its media node cannot make the receiving connection ahead: the page
                  // asks twice more, then every subscribe makes its own connection (the path offered above)
                  // (after the send returns, as a real reply over the network comes)
                  setTimeout(() => F.say({ type: 'error', code: 422, name: 'MEDIA_PREPARE_RECEIVE_FAILED',
                          message: 'the receiving connection could not be prepared', correlation: null }), 0);
                }
              };
            })();
            """;

    private final WebDriver driver;

    private FakeSignaling(WebDriver driver) {
        this.driver = driver;
    }

    /** Installs the fake in the current page; joins will use {@code token}, granted for {@code role} (e.g. HOST). */
    static FakeSignaling install(WebDriver driver, String token, String role) {
        ((JavascriptExecutor) driver).executeScript(INSTALL, token, role);
        return new FakeSignaling(driver);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sends a server frame (a JSON object as a map) to the page over the current connection. */
    void say(Map<String, Object> frame) {
        js("window.__fake.say(arguments[0])", frame);
    }

    /** Drops the connection as a network failure would. */
    void drop() {
        js("window.__fake.drop()");
    }

    /** The frames the page sent, in order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sent() {
        return (List<Map<String, Object>>) js("return window.__fake.sent");
    }

    /** The types of the frames the page sent, in order. */
    @SuppressWarnings("unchecked")
    List<String> sentTypes() {
        return (List<String>) js("return window.__fake.sent.map(m => m.type)");
    }

    int connections() {
        return ((Number) js("return window.__fake.sockets.length")).intValue();
    }

    /** Waits until the page has sent at least {@code n} frames of {@code type}; returns the last of them. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitSent(String type, int n, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> sentTypes().stream().filter(type::equals).count() >= n);
        List<Map<String, Object>> all = sent();
        Map<String, Object> last = null;
        for (Map<String, Object> m : all) if (type.equals(m.get("type"))) last = m;
        return last;
    }

    /** Video frames the fake server decoded from what the page published (the page's camera really goes out). */
    long framesReceivedFromPage() {
        Object n = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const pc = window.__fake.pcs.publisher;
                if (!pc) return done(0);
                pc.getStats().then(r => { let f = 0; r.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video')
                  f += s.framesDecoded || 0; }); done(f); }).catch(() => done(0));
                """);
        return ((Number) n).longValue();
    }

    /** A participant as the server describes it. */
    static Map<String, Object> participant(String id, String name, String role, boolean publishing) {
        return Map.of("id", id, "displayName", name, "role", role, "connected", true, "publishing", publishing,
                "audioMuted", false, "videoMuted", false);
    }
}
