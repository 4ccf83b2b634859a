package org.lianxin.bench;

import java.util.List;

/**
 * Watches one product page's live session ({@code window.__lianxinLive}, which the console and the kiosk expose for
 * tests) from inside the page, without changing it: an observer script records, in epoch ms, each `joined` event of
 * the session (and whether it resumed the place with the peer connections kept), each error event, and each time the
 * receiving connection's decoded video frames grew (getStats every 20 ms; a new receiving connection — after a media
 * server's restart — starts its count again), and the signaling connection's own steps (each attempt, each close, each
 * error message, also those the session handles without an event: 313, 314) by wrapping those methods of the page's
 * session and connection, which still run. If the page makes a new live session, the observer follows it.
 */
final class PageObserver {
    private static final String OBSERVER = """
            if (window.__lxObs) return;
            const o = window.__lxObs = { frames: [], joins: [], resumes: [], errors: [], statuses: [], signaling: [] };
            let session = null, pc = null, last = 0;
            const follow = s => {
              session = s;
              s.on('joined', e => { const t = Date.now(); o.joins.push(t); if (e && e.resumed) o.resumes.push(t); });
              s.on('error', e => o.errors.push(Date.now() + ' ' + e.code + ' ' + e.name + ' ' + e.message));
              s.on('status', e => { o.statuses.push(Date.now() + ' ' + e.status); if (o.statuses.length > 200) o.statuses.shift(); });
              // the signaling's own steps, which the events do not show (313/314 are handled without an error event;
              // a retry while reconnecting changes no status): each attempt, each close, each error message
              const c = s.connection, connect = c.connect.bind(c), closed = c.onClosed.bind(c), handle = s.handle.bind(s);
              const note = x => { o.signaling.push(Date.now() + ' ' + x); if (o.signaling.length > 200) o.signaling.shift(); };
              c.connect = () => { note('connect'); return connect(); };
              c.onClosed = ws => { if (!ws || c.ws === ws) note('closed'); return closed(ws); };
              s.handle = msg => { if (msg && msg.type === 'error') note('error ' + msg.code + ' ' + (msg.message || '')); return handle(msg); };
            };
            const poll = async () => {
              try {
                const s = window.__lianxinLive;
                if (s && s !== session) follow(s);
                const sub = s && s.sub;
                if (sub !== pc) { pc = sub; last = 0; }
                if (sub) {
                  let v = 0;
                  (await sub.getStats()).forEach(x => {
                    if (x.type === 'inbound-rtp' && x.kind === 'video') v += x.framesDecoded || 0;
                  });
                  if (v > last) { o.frames.push(Date.now()); if (o.frames.length > 30000) o.frames.shift(); }
                  last = v;
                }
              } catch (e) { /* a connection closing under us: the next poll sees the new one */ }
              setTimeout(poll, 20);
            };
            poll();
            """;

    private final String name;
    private final TopologyCounty.Browser browser;

    PageObserver(String name, TopologyCounty.Browser browser) {
        this.name = name;
        this.browser = browser;
    }

    String name() {
        return name;
    }

    TopologyCounty.Browser browser() {
        return browser;
    }

    Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    /** The live session's status (lobby, inSession, reconnecting, …), null before the page made one. */
    String status() {
        Object s = browser.js("return window.__lianxinLive ? window.__lianxinLive.status : null");
        return s == null ? null : s.toString();
    }

    /** Puts the observer into the page (once; the page must not navigate afterwards). */
    void observe() {
        browser.js(OBSERVER);
    }

    /** A decoded frame in the last 300 ms. */
    boolean recent() {
        Object last = browser.js("const o = window.__lxObs; if (!o || !o.frames.length) return null;"
                + " return Date.now() - o.frames[o.frames.length - 1]");
        return last instanceof Number n && n.doubleValue() < 300;
    }

    long firstJoinAfter(long t) {
        Object v = browser.js("const x = window.__lxObs.joins.find(v => v > arguments[0]);"
                + " return x === undefined ? -1 : x", t);
        return ((Number) v).longValue();
    }

    boolean resumedAfter(long t) {
        return Boolean.TRUE.equals(browser.js("return window.__lxObs.resumes.some(x => x > arguments[0])", t));
    }

    long firstFrameAfter(long t) {
        Object v = browser.js("const x = window.__lxObs.frames.find(v => v > arguments[0]);"
                + " return x === undefined ? -1 : x", t);
        return ((Number) v).longValue();
    }

    /**
     * The longest time without a decoded frame within [from, to] (from {@code from} to the first frame, between
     * frames, from the last frame to {@code to}) and when it began, ms after {@code from}.
     */
    List<Long> longestGap(long from, long to) {
        List<?> g = (List<?>) browser.js("let last = arguments[0], gap = 0, at = arguments[0];"
                + "for (const t of window.__lxObs.frames) { if (t < arguments[0]) continue; if (t > arguments[1]) break;"
                + "  if (t - last > gap) { gap = t - last; at = last; } last = t; }"
                + "if (arguments[1] - last > gap) { gap = arguments[1] - last; at = last; }"
                + "return [gap, at - arguments[0]];", from, to);
        return List.of(((Number) g.get(0)).longValue(), ((Number) g.get(1)).longValue());
    }

    /** The page's last statuses, its errors and joins, for a failure's message. */
    String describe() {
        return name + ": " + browser.js("const o = window.__lxObs; const s = window.__lianxinLive;"
                + " return JSON.stringify({status: s ? s.status : null, statuses: o ? o.statuses.slice(-20) : null,"
                + " errors: o ? o.errors : null, signaling: o ? o.signaling : null,"
                + " joins: o ? o.joins : null, resumes: o ? o.resumes : null,"
                + " step: document.body.getAttribute('data-step')})");
    }
}
