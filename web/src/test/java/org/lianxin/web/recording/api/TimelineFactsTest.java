package org.lianxin.web.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
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
}
