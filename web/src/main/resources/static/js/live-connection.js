/*
 * The signaling WebSocket of a live session (/ws/signaling): opens it and joins with the join token, numbers what
 * is sent, sends a heartbeat, notices a silent or lost connection and reconnects with the same token while the
 * server holds the place (30 s); after that the session fails. A part of LiveSession (/js/live.js), which handles
 * what arrives.
 */

const HEARTBEAT_MS = 10000;
const SILENCE_MS = 25000;         // no frame at all for this long: the connection is dead, reconnect
const RECONNECT_WINDOW_MS = 30000; // the server holds a lost participant's place this long
// Dense at first: after an app instance's kill the room's new owner takes it within ≈ 3 s, and a page that waited 2 s
// between its second and third try came back seconds after the other (found by TopologyPagesIT)
const RECONNECT_DELAYS = [250, 500, 750, 1000, 1500, 2000, 3000];
// A move to the room's server (313) is a redirect, not a failure: joined again at once, the first few times in a loss
const MOVE_DELAY_MS = 50;
const QUICK_MOVES = 3;

/** The WebSocket URL: an absolute ws(s):// as given, else a path on this origin with ws:// or wss://. */
export function liveUrl(wsUrl) {
  if (wsUrl && /^wss?:\/\//i.test(wsUrl)) return wsUrl;
  const path = wsUrl && wsUrl.startsWith('/') ? wsUrl : '/ws/signaling';
  return (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + path;
}

export class SignalingConnection {
  /**
   * @param session  the LiveSession: its token, finished, setStatus(status), handle(msg), fail(…), finish(status)
   * @param url      the WebSocket URL (see liveUrl)
   */
  constructor(session, url) {
    this.session = session;
    this.url = url;
    this.ws = null;
    this.seq = 0;
    this.lostAt = null;
    this.attempt = 0;
    this.moves = 0;
    this.moving = false;
    this.timers = { heartbeat: null, reconnect: null };
    this.lastFrameAt = 0;
  }

  connect() {
    const session = this.session;
    if (session.finished) return;
    session.setStatus(this.lostAt ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.onClosed(null);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastFrameAt = Date.now();
      this.send({ type: 'join', token: session.token });
      this.startHeartbeat();
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastFrameAt = Date.now();
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return session.fail(101, 'TRANSPORT_MALFORMED', 'unreadable frame'); }
      if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
      try {
        session.handle(msg);
      } catch (e) {
        console.error('live: handling ' + msg.type + ' failed', e);
      }
    };
    ws.onclose = () => { if (this.ws === ws) this.onClosed(ws); };
    ws.onerror = () => { /* onclose follows */ };
  }

  /** Sends a message with the next id; returns the id, or null when the socket is not open. */
  send(msg) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return null;
    const id = 'c' + (++this.seq);
    msg.id = id;
    try { ws.send(JSON.stringify(msg)); } catch (e) { return null; }
    return id;
  }

  startHeartbeat() {
    clearInterval(this.timers.heartbeat);
    this.timers.heartbeat = setInterval(() => {
      if (!this.ws) return;
      if (Date.now() - this.lastFrameAt > SILENCE_MS) {
        // silent connection: drop it and reconnect
        const dead = this.ws;
        this.onClosed(dead);
        try { dead.close(); } catch (e) { /* already closed */ }
        return;
      }
      this.send({ type: 'heartbeat' });
    }, HEARTBEAT_MS);
  }

  /** The WebSocket is gone: reconnect with the same token while the place is held. */
  onClosed(ws) {
    if (ws && this.ws !== ws) return;
    this.ws = null;
    clearInterval(this.timers.heartbeat);
    const session = this.session;
    if (session.finished) return;
    if (!this.lostAt) { this.lostAt = Date.now(); this.attempt = 0; }
    if (Date.now() - this.lostAt > RECONNECT_WINDOW_MS) {
      session.finish('failed');
      session.fail(0, 'RECONNECT_FAILED', '', true);
      return;
    }
    session.setStatus('reconnecting');
    const quickMove = this.moving && this.moves <= QUICK_MOVES;
    this.moving = false;
    const delay = quickMove ? MOVE_DELAY_MS : RECONNECT_DELAYS[Math.min(this.attempt++, RECONNECT_DELAYS.length - 1)];
    clearTimeout(this.timers.reconnect);
    this.timers.reconnect = setTimeout(() => this.connect(), delay);
  }

  /** The server took us (back) in: a later loss starts a new reconnect window. */
  joined() {
    this.lostAt = null;
    this.attempt = 0;
    this.moves = 0;
  }

  /**
   * The room lives on another server (error 313, its name given): connect again through the load balancer with
   * ?node=<that server> (it routes by it) and join with the same token — at once for the first few moves of a loss (a
   * redirect, not a failure: e.g. the server answering while it takes the room over names itself), then with the
   * reconnect delays. Repeated moves count against the reconnect window like any other reconnect, so a misrouted room
   * ends as a failed reconnect, not a loop.
   */
  moveTo(node) {
    this.moves++;
    this.moving = true;
    if (node) {
      try {
        const u = new URL(this.url);
        u.searchParams.set('node', node);
        this.url = u.toString();
      } catch (e) { /* not a URL we can change: reconnect as it is */ }
    }
    this.drop();
  }

  /** Drops the socket as if the network had (a reconnect follows). */
  drop() {
    const ws = this.ws;
    if (!ws) return;
    this.onClosed(ws);
    try { ws.close(); } catch (e) { /* closed */ }
  }

  /** For good: no more heartbeats or reconnects, the socket closed. */
  close() {
    clearInterval(this.timers.heartbeat);
    clearTimeout(this.timers.reconnect);
    const ws = this.ws;
    this.ws = null;
    if (ws) { try { ws.close(); } catch (e) { /* closed */ } }
  }
}
