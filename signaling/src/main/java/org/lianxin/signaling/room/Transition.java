package org.lianxin.signaling.room;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ServerMessage;

/**
 * The result of one call on a {@link Room}, to carry out in this order: send {@link #messages}
 * (in order), close {@link #closes} (after their messages), then start {@link #media} actions and
 * publish {@link #events}.
 *
 * @param refusal  non-null when the request was refused and nothing changed (except what an
 *                 expiry sweep at the start of the call did): send it on the requesting connection,
 *                 with the request's correlation id ({@link ServerMessage.Failure#withCorrelation})
 * @param messages messages to connected participants
 * @param closes   connections to close
 * @param media    actions for the media layer
 * @param events   what happened, for bookings, recording and audit
 */
public record Transition(ServerMessage.Failure refusal, List<Outbound> messages, List<CloseConnection> closes,
        List<MediaAction> media, List<RoomEvent> events) {

    public Transition {
        messages = List.copyOf(messages);
        closes = List.copyOf(closes);
        media = List.copyOf(media);
        events = List.copyOf(events);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** The refusal's code, or null. */
    public ErrorCode refusalCode() {
        return refusal == null ? null : refusal.code();
    }

    /** The messages for one participant, in order. */
    public List<ServerMessage> messagesTo(String participantId) {
        List<ServerMessage> out = new ArrayList<>();
        for (Outbound o : messages) {
            if (o.participantId().equals(participantId)) {
                out.add(o.message());
            }
        }
        return out;
    }

    /** Collects a transition while a call runs. */
    static final class Builder {
        private ServerMessage.Failure refusal;
        private final List<Outbound> messages = new ArrayList<>();
        private final List<CloseConnection> closes = new ArrayList<>();
        private final List<MediaAction> media = new ArrayList<>();
        private final List<RoomEvent> events = new ArrayList<>();

        Builder send(String participantId, ServerMessage message) {
            messages.add(new Outbound(participantId, message));
            return this;
        }

        Builder close(ConnectionId connection, ErrorCode reason) {
            closes.add(new CloseConnection(connection, reason));
            return this;
        }

        Builder media(MediaAction action) {
            media.add(action);
            return this;
        }

        Builder event(RoomEvent event) {
            events.add(event);
            return this;
        }

        Builder refuse(ErrorCode code, String message) {
            refusal = ServerMessage.Failure.of(code, message);
            return this;
        }

        Transition build() {
            return new Transition(refusal, messages, closes, media, events);
        }
    }
}
