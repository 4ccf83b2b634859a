package org.lianxin.web.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.signaling.protocol.LinkLevel;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.recording.BadLinkNote;
import org.lianxin.web.recording.api.RecordingViews.TimelineView;

class TimelineFactsTest {
    private static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");
    private static final TimelineFacts.Names NAMES = TimelineFacts.names(
            Map.of("official-39", "韩平", "petitioner", "李审查")::get,
            Map.of("jj.staff", "锦江区工作人员", "sc.admin", "省管理员")::get);

    private static TimelineView of(String type, String participantId, String role, String detail) {
        return TimelineFacts.of(new Manifest.TimelineEntry(AT, type, participantId, role, detail), NAMES);
    }

    @Test
    void theRecordersNotesBecomeNamesAndCodes() {
        TimelineView notice = of("RECORDING_NOTICE", null, null, "shown at the terminal, by jj.staff");
        assertThat(notice.by()).isEqualTo("锦江区工作人员");
        assertThat(notice.note()).isNull();
        assertThat(notice.detail()).as("as stored").isEqualTo("shown at the terminal, by jj.staff");

        TimelineView muted = of("MUTED", "petitioner", "PETITIONER", "audio by official-39");
        assertThat(muted.name()).isEqualTo("李审查");
        assertThat(muted.by()).isEqualTo("韩平");
        assertThat(muted.media()).isEqualTo("audio");
        assertThat(muted.note()).isNull();

        TimelineView lobby = of("JOINED", "petitioner", "PETITIONER", "waiting in the lobby");
        assertThat(lobby.lobby()).isTrue();
        assertThat(lobby.note()).isNull();

        assertThat(of("LEFT", "official-39", "HOST", "REMOVED").reason()).isEqualTo("REMOVED");
        assertThat(of("ENDED", null, null, "HOST").reason()).isEqualTo("HOST");
        assertThat(of("RECORDING_ENDED", null, null, "COMPLETED").reason()).isEqualTo("COMPLETED");
        assertThat(of("RECORDING_ON", null, null, "by consultation settings").reason()).isEqualTo("SETTINGS");
    }

    @Test
    void theSystemIsTheSystemAndUnknownUsersKeepTheirLoginName() {
        TimelineView bySystem = of("CHECKED_IN", null, null, "by system:live-room");
        assertThat(bySystem.bySystem()).isTrue();
        assertThat(bySystem.by()).isNull();
        assertThat(of("CHECKED_IN", null, null, "by system").bySystem()).isTrue();
        TimelineView unknown = of("RECORDING_OFF", null, null, "by someone.else");
        assertThat(unknown.by()).isEqualTo("someone.else");
        assertThat(unknown.bySystem()).isFalse();
    }

    @Test
    void notesNotUnderstoodStayAsWritten() {
        TimelineView lost = of("MEDIA_LOST", null, null, "janus gone: connection refused");
        assertThat(lost.note()).isEqualTo("janus gone: connection refused");
        assertThat(of("JOINED", "official-7", "OFFICIAL", null).name()).isNull();
        assertThat(of("ENDED", null, null, "not a code").note()).isEqualTo("not a code");
    }

    @Test
    void aBadLinkPeriodBecomesItsEndAndWorstMeasures() {
        RoomEvent.BadLinkPeriod period = new RoomEvent.BadLinkPeriod("petitioner", Role.PETITIONER, AT,
                LinkLevel.BAD, 18.25, 340, AT.plusSeconds(42));
        String note = BadLinkNote.of(period).note();
        assertThat(note).isEqualTo("until 2026-12-02T01:00:42Z; worst BAD; loss 18.3%; rtt 340 ms");

        TimelineView bad = of(BadLinkNote.TYPE, "petitioner", "PETITIONER", note);
        assertThat(bad.name()).isEqualTo("李审查");
        assertThat(bad.note()).isNull();
        assertThat(bad.link()).isEqualTo(new RecordingViews.LinkPeriodView(AT.plusSeconds(42), "BAD", 18.3, 340));

        TimelineView noRtt = of(BadLinkNote.TYPE, "petitioner", "PETITIONER",
                "until 2026-12-02T01:00:42Z; worst POOR; loss 4.0%; rtt unknown");
        assertThat(noRtt.link()).isEqualTo(new RecordingViews.LinkPeriodView(AT.plusSeconds(42), "POOR", 4, null));

        TimelineView garbled = of(BadLinkNote.TYPE, "petitioner", "PETITIONER", "until yesterday; worst BAD");
        assertThat(garbled.link()).isNull();
        assertThat(garbled.note()).isEqualTo("until yesterday; worst BAD");
        assertThat(of("MUTED", "petitioner", "PETITIONER", note).link()).as("only for BAD_LINK entries").isNull();
    }
}
