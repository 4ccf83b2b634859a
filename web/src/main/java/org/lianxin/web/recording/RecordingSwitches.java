package org.lianxin.web.recording;

import org.lianxin.web.live.RoomSubject;
import org.springframework.stereotype.Component;

/**
 * Where the REST API hands a consultation's recording switch, once the consultation's row holds it: the room's
 * recording follows it on the instance owning the room, whichever instance the call reached (issue 14; the work is
 * {@link RecordingRoomEvents#consultationSwitched}'s, in the room's order).
 */
@Component
public class RecordingSwitches {
    private final RecordingRoomEvents roomEvents;

    RecordingSwitches(RecordingRoomEvents roomEvents) {
        this.roomEvents = roomEvents;
    }

    /** The host ({@code by}) switched the consultation's recording; its row says on or off. */
    public void switched(RoomSubject.Consultation subject, String by) {
        roomEvents.consultationSwitched(subject, by);
    }
}
