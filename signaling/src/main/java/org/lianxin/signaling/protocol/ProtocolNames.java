package org.lianxin.signaling.protocol;

/**
 * Every name on the wire, in one place (message types, then fields). Enum values go on the wire
 * as their lower-case names ({@code "host"}, {@code "audio"}, {@code "timed_out"}).
 *
 * <p>A frame is one JSON object: {@code {"type": "...", "id": "correlation (optional)", ...fields}}.
 */
final class ProtocolNames {

    private ProtocolNames() {
    }

    // --- envelope ---
    static final String TYPE = "type";
    /** The client's correlation id on any message (optional). */
    static final String ID = "id";

    // --- client → server types ---
    static final String JOIN = "join";
    static final String PUBLISH = "publish";
    static final String SUBSCRIBE = "subscribe";
    static final String ANSWER = "answer";
    static final String TRICKLE = "trickle";
    static final String ADMIT = "admit";
    static final String MUTE = "mute";
    static final String UNMUTE = "unmute";
    static final String REMOVE = "remove";
    static final String END = "end";
    static final String LEAVE = "leave";
    static final String HEARTBEAT = "heartbeat";
    /** target ("publisher" with sdp: the ICE-restart offer; "subscriber" without): restart ICE on that connection. */
    static final String RESTART_ICE = "restartIce";
    static final String LINK_REPORT = "linkReport";
    /** No fields: make the receiving connection now (on the own feed, nothing sent), so that subscribing later only adds streams to it. */
    static final String PREPARE_RECEIVE = "prepareReceive";

    // --- server → client types ---
    static final String JOINED = "joined";
    static final String LOBBY = "lobby";
    static final String ADMITTED = "admitted";
    static final String PARTICIPANT_JOINED = "participantJoined";
    static final String PARTICIPANT_WAITING = "participantWaiting";
    static final String PARTICIPANT_LEFT = "participantLeft";
    static final String PARTICIPANT_CONNECTION = "participantConnection";
    static final String PARTICIPANT_PUBLISHING = "participantPublishing";
    static final String MUTED = "muted";
    static final String REMOVED = "removed";
    static final String ENDED = "ended";
    static final String OFFER = "offer";
    // ANSWER: same name as the client's answer, other direction
    static final String ERROR = "error";
    static final String HEARTBEAT_ACK = "heartbeatAck";
    /** No fields: every peer connection is gone (media server restarted); publish and subscribe again. */
    static final String MEDIA_RESTARTED = "mediaRestarted";
    /** sdp: the ICE-restart offer for the existing subscriber connection; answer it with answer. */
    static final String RESTART_OFFER = "restartOffer";
    /**
     * sdp (absent: nothing to renegotiate) and streams: the subscription changed on the existing subscriber
     * connection; set the offer on that connection and answer it with answer.
     */
    static final String OFFER_UPDATE = "offerUpdate";
    static final String PREPARE_MEDIA = "prepareMedia";
    /** No fields: the media server hears your video again after a drop; restart your video sending if retransmitting. */
    static final String VIDEO_RESUMED = "videoResumed";
    /** A participant's link quality: participantId, level, and the link fields below. */
    static final String LINK_QUALITY = "linkQuality";

    // --- fields ---
    static final String TOKEN = "token";
    static final String SDP = "sdp";
    static final String PARTICIPANTS = "participants";
    static final String PARTICIPANT = "participant";
    static final String PARTICIPANT_ID = "participantId";
    static final String TARGET = "target";
    static final String CANDIDATE = "candidate";
    static final String SDP_MID = "sdpMid";
    static final String SDP_MLINE_INDEX = "sdpMLineIndex";
    static final String KIND = "kind";
    static final String MUTED_FLAG = "muted";
    static final String YOU = "you";
    static final String WAITING = "waiting";
    static final String LOBBY_STATUS = "lobby";
    static final String POSITION = "position";
    static final String ESTIMATED_WAIT_SECONDS = "estimatedWaitSeconds";
    static final String RESUMED = "resumed";
    static final String REASON = "reason";
    static final String CONNECTED = "connected";
    static final String PUBLISHING = "publishing";
    static final String STREAMS = "streams";
    static final String MID = "mid";
    static final String CODE = "code";
    static final String NAME = "name";
    static final String MESSAGE = "message";
    static final String CORRELATION = "correlation";
    static final String DISPLAY_NAME = "displayName";
    static final String ROLE = "role";
    static final String AUDIO_MUTED = "audioMuted";
    static final String VIDEO_MUTED = "videoMuted";
    static final String ICE_SERVERS = "iceServers";
    static final String MEDIA_PATH = "mediaPath";
    static final String RENEW_ICE_SERVERS = "renewIceServers";
    static final String ICE_SERVERS_RENEWED = "iceServersRenewed";
    static final String PARTICIPANT_MEDIA_PATH = "participantMediaPath";
    static final String OK = "ok";
    static final String ROUTE = "route";
    static final String URLS = "urls";
    static final String USERNAME = "username";
    static final String CREDENTIAL = "credential";
    // link reports (linkReport, linkQuality)
    static final String LEVEL = "level";
    static final String LOSS_PERCENT = "lossPercent";
    static final String SEND_LOSS_PERCENT = "sendLossPercent";
    static final String RTT_MS = "rttMs";
    static final String IN_KBPS = "inKbps";
    static final String OUT_KBPS = "outKbps";
    static final String FREEZES = "freezes";
}
