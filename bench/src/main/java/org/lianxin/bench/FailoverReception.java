package org.lianxin.bench;

import static org.lianxin.bench.BenchPages.enc;
import static org.lianxin.bench.BenchPages.noErrors;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * One live reception in a {@link Topology}, through HAProxy: booked, checked in and given join tokens through the REST
 * API ({@link ReceptionFixture}: the demo leader hosts, the county staff join for the terminal), with two headless
 * Chromiums in the topology's county ({@link TopologyCounty}: only HAProxy's 443 and coturn's 443 reachable; host and
 * petitioner: bench page failover.html from a file, our protocol with live.js's reconnects and its publishing from the
 * lobby ({@code prepareMedia}), not the console and kiosk pages; the kiosk's recording notice told to the node that
 * does not own the room, as HAProxy may send that REST call) on the tokens' signaling URL at HAProxy's HTTPS frontend ({@code ?room=&node=}, as the app hands it out),
 * their media relayed by coturn over {@code turns:} (the app's TURN credentials of `joined`). The host admits; both
 * decode the other's video. Then: which node owns the room, the longest gap between decoded
 * frames at either end, when each page's signaling was back, the end by the host.
 */
final class FailoverReception implements LiveReception {
    private final Topology topology;
    private final ReceptionFixture fixture;
    private final String roomId;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TopologyCounty.Browser host;
    private final TopologyCounty.Browser petitioner;
    /** The node the kiosk's recording notice was told to (the one not owning the room, when both run). */
    private final String noticeShownAt;

    FailoverReception(Topology topology) throws Exception {
        this.topology = topology;
        String app = topology.appUrl(Topology.APPS.stream().filter(topology::running).findFirst().orElseThrow());
        fixture = ReceptionFixture.create(app, topology.password(), "jinjiang.leader", "jinjiang.scheduler");
        fixture.checkIn();
        ReceptionFixture.Ticket hostTicket = fixture.joinToken("jinjiang.leader");
        ReceptionFixture.Ticket petTicket = fixture.joinToken("jinjiang.scheduler");
        roomId = hostTicket.roomId();
        String page = topology.county().pages(List.of("failover.html", "first-frame.js")).resolve("failover.html")
                .toUri().toString();
        try {
            host = topology.county().browser();
            closing.add(0, host);
            petitioner = topology.county().browser();
            closing.add(0, petitioner);
            host.driver().get(page + "?ws=" + enc(viaHaproxy(hostTicket.wsUrl())) + "&token=" + enc(hostTicket.token()));
            Topology.await("the host publishes", 90, () -> ok(host) && Boolean.TRUE.equals(host.js("return lx.answered")));
            // the kiosk's recording notice, as its REST call may go behind HAProxy: to the node not owning the room
            String owner = owner();
            noticeShownAt = Topology.APPS.stream().filter(a -> !a.equals(owner) && topology.running(a)).findFirst()
                    .orElse(owner);
            fixture.noticeShown(topology.appUrl(noticeShownAt));
            petitioner.driver().get(page + "?ws=" + enc(viaHaproxy(petTicket.wsUrl())) + "&token="
                    + enc(petTicket.token()));
            Topology.await("the petitioner waits in the lobby, publishing to nobody", 90, () -> ok(host)
                    && host.js("return lx.waiting || null") != null
                    && Boolean.TRUE.equals(petitioner.js("return !!lx.lobbyPublished && !!lx.answered")));
            host.js("lxSend({type: 'admit', participantId: lx.waiting}); lx.autoAdmit = true;");
            try {
                Topology.await("both decode the other's video", 90, this::flowing);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; " + pages(), e);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The ticket's signaling URL (the node that answered the REST call) moved to HAProxy's frontend, query kept. */
    private String viaHaproxy(String wsUrl) {
        URI u = URI.create(wsUrl);
        return topology.publicUrl().replaceFirst("^https", "wss") + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public String noticeShownAt() {
        return noticeShownAt;
    }

    @Override
    public long bookingId() {
        return fixture.bookingId();
    }

    /** The node that holds the room's lease now (null while none does). */
    @Override
    public String owner() {
        return topology.owner(roomId);
    }

    /** The Janus node the host's publisher is connected to (its answer's candidates name the node's address). */
    @Override
    public org.lianxin.signaling.testing.JanusTestHost janusNode() {
        String sdp = String.valueOf(host.js("return window.pub && window.pub.remoteDescription"
                + " ? window.pub.remoteDescription.sdp : ''"));
        for (var j : List.of(topology.janus1(), topology.janus2())) {
            if (sdp.contains(" " + j.janusAddress() + " ")) {
                return j;
            }
        }
        throw new IllegalStateException("the host's publisher is on no Janus of the topology: " + sdp);
    }

    /** Both ends decoded a frame in the last 300 ms. */
    @Override
    public boolean flowing() {
        return recent(host) && recent(petitioner);
    }

    /**
     * The selected candidate pairs of both pages' connections ("host pub relay/tls 198.18.0.2", ...): relayed by coturn
     * when the local candidate is {@code relay}.
     */
    @Override
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (String conn : List.of("pub", "sub")) {
            routes.add("host " + conn + " " + host.route(conn));
            routes.add("petitioner " + conn + " " + petitioner.route(conn));
        }
        return routes;
    }

    private static boolean recent(TopologyCounty.Browser page) {
        ok(page);
        Object last = page.js("const f = lx.grew.frames; return f.length ? Date.now() - f[f.length - 1] : null");
        return last instanceof Number n && n.doubleValue() < 300;
    }

    /** Both pages joined again (a `joined` after {@code t}). */
    @Override
    public boolean rejoinedAfter(long t) {
        return firstJoinAfter(host, t) > 0 && firstJoinAfter(petitioner, t) > 0;
    }

    /** Whether both pages resumed with their peer connections kept (a `joined` with {@code resumed}) after {@code t}. */
    @Override
    public boolean resumedAfter(long t) {
        return resumed(host, t) && resumed(petitioner, t);
    }

    private static boolean resumed(TopologyCounty.Browser page, long t) {
        Object r = page.js("return lx.resumes.some(x => x > arguments[0])", t);
        return Boolean.TRUE.equals(r);
    }

    /** When signaling was back at both ends: the later page's first `joined` after {@code t}, ms after it. */
    @Override
    public long signalingBackMs(long t) {
        return Math.max(firstJoinAfter(host, t), firstJoinAfter(petitioner, t)) - t;
    }

    /** The longest time either end went without a decoded frame within [from, to] (epoch ms). */
    @Override
    public long longestGapMs(long from, long to) {
        return Math.max(gap(host, from, to), gap(petitioner, from, to));
    }

    /**
     * Where the longest gap of {@link #longestGapMs} lies: which end, how long, and when it began in ms after
     * {@code from} (for a failure's message: load stalls the pages' own 20 ms polls too).
     */
    @Override
    public String longestGapWhere(long from, long to) {
        String best = "none";
        long longest = -1;
        for (var e : java.util.Map.of("host", host, "petitioner", petitioner).entrySet()) {
            Object v = e.getValue().js("let last = arguments[0], gap = 0, at = arguments[0];"
                    + "for (const t of lx.grew.frames) { if (t < arguments[0]) continue; if (t > arguments[1]) break;"
                    + "  if (t - last > gap) { gap = t - last; at = last; } last = t; }"
                    + "if (arguments[1] - last > gap) { gap = arguments[1] - last; at = last; }"
                    + "return [gap, at - arguments[0]];", from, to);
            List<?> g = (List<?>) v;
            long gap = ((Number) g.get(0)).longValue();
            if (gap > longest) {
                longest = gap;
                best = e.getKey() + " " + gap + " ms from +" + ((Number) g.get(1)).longValue() + " ms";
            }
        }
        return best;
    }

    /**
     * What the receivers themselves counted within [from, to] (epoch ms), to tell a gap in the media from a page too
     * starved to poll: at each end the longest freeze Chromium's receiver measured (inbound-rtp {@code freezeCount} /
     * {@code totalFreezesDuration}: an inter-frame delay over max(3 x the average, the average + 150 ms), counted where
     * frames leave the decoder; when one poll saw several freezes, their sum) and the page's longest stall between two
     * of its 20 ms polls.
     */
    String receiversSaw(long from, long to) {
        StringBuilder b = new StringBuilder();
        for (var e : new java.util.TreeMap<>(java.util.Map.of("host", host, "petitioner", petitioner)).entrySet()) {
            List<?> g = (List<?>) e.getValue().js("let freeze = 0, n = 0, stall = 0;"
                    + "for (const f of lx.freezes) if (f[0] >= arguments[0] && f[0] <= arguments[1] + 1000)"
                    + "  { freeze = Math.max(freeze, f[2] * 1000); n += f[1]; }"
                    + "for (const p of lx.polls) if (p[0] >= arguments[0] && p[0] <= arguments[1]) stall = Math.max(stall, p[1]);"
                    + "return [Math.round(freeze), n, stall];", from, to);
            b.append(b.isEmpty() ? "" : "; ").append(e.getKey()).append(": longest freeze ").append(g.get(0))
                    .append(" ms (").append(g.get(1)).append(" freezes), longest poll stall ").append(g.get(2))
                    .append(" ms");
        }
        return b.toString();
    }

    /** Decoded frames at both ends after {@code t} (the first frame after the event at the later end), ms after t. */
    long mediaBackMs(long t) {
        return Math.max(firstFrameAfter(host, t), firstFrameAfter(petitioner, t)) - t;
    }

    @Override
    public boolean framesAfter(long t) {
        return firstFrameAfter(host, t) > 0 && firstFrameAfter(petitioner, t) > 0;
    }

    /** The host ends the reception (the product's `end`): the booking becomes COMPLETED. */
    @Override
    public void end() {
        host.js("lxEnd()");
    }

    /** A new join's token asked of the room's owner now: status and body (the REST join, without a browser). */
    @Override
    public java.util.Map.Entry<Integer, String> tryJoin() {
        String node = owner() != null ? owner() : "app1";
        return fixture.tryJoinToken(topology.appUrl(node), "jinjiang.leader");
    }

    /** The booking's state, asked of a running app node (REST goes to any). */
    @Override
    public String state() {
        String node = Topology.APPS.stream().filter(topology::running).findFirst().orElseThrow();
        return fixture.state(topology.appUrl(node));
    }

    @Override
    public String pages() {
        return "host: " + host.js("return JSON.stringify({seen: lx.seen.slice(-30), errors: lx.errors, joins: lx.joins,"
                + " closed: lx.closed})") + "; petitioner: " + petitioner.js("return JSON.stringify({seen: lx.seen"
                + ".slice(-30), errors: lx.errors, joins: lx.joins, closed: lx.closed})");
    }

    private static long firstJoinAfter(TopologyCounty.Browser page, long t) {
        Object v = page.js("const x = lx.joins.find(v => v > arguments[0]); return x === undefined ? -1 : x", t);
        return ((Number) v).longValue();
    }

    private static long firstFrameAfter(TopologyCounty.Browser page, long t) {
        Object v = page.js("const x = lxFirstAfter(arguments[0]); return x === null ? -1 : x", t);
        return ((Number) v).longValue();
    }

    private static long gap(TopologyCounty.Browser page, long from, long to) {
        return ((Number) page.js("return lxLongestGap(arguments[0], arguments[1])", from, to)).longValue();
    }

    private static boolean ok(TopologyCounty.Browser page) {
        return noErrors(page.js("return lx.errors"));
    }

    RemoteWebDriver hostDriver() {
        return host.driver();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("reception cleanup: " + e);
            }
        }
        closing.clear();
    }
}
