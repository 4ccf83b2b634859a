package org.lianxin.web.recording;

import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Consultation;
import org.lianxin.web.live.RoomSubject;

/**
 * What a recording is of, as the recorder needs it ({@link RecordingService.Subject}): a booking's reception in its
 * room, filed under the case and the terminal's office; a consultation in its room, filed under its case (if any)
 * and the host's office. The one place that says so, for the room's events and the REST API alike.
 */
public final class RecordingSubjects {
    private RecordingSubjects() {
    }

    /** The reception of booking {@code b} in {@code room} (e.g. {@code RoomSubject.reception(b.id())}). */
    public static RecordingService.Subject reception(RoomSubject.Reception room, Booking b) {
        return new RecordingService.Subject(Recording.Kind.RECEPTION, room.roomId(), b.id(), null, b.caseId(),
                b.terminalOfficeId());
    }

    /** Consultation {@code c} in {@code room} (e.g. {@code RoomSubject.consultation(c.id())}). */
    public static RecordingService.Subject consultation(RoomSubject.Consultation room, Consultation c) {
        return new RecordingService.Subject(Recording.Kind.CONSULTATION, room.roomId(), null, c.id(), c.caseId(),
                c.hostOfficeId());
    }
}
