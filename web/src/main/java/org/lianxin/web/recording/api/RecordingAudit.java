package org.lianxin.web.recording.api;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.scheduler.Actor;
import org.springframework.stereotype.Component;

/**
 * The access audit of recordings: every request that reads or changes a recording and is not refused writes one row
 * ({@link RecordingCatalog#recordAccess}) — VIEW, MANIFEST, LINK, HOLD, RELEASE, DELETE, COMPOSE, VERIFY — with who,
 * from where, when and what; media once per viewing or download (PLAY_SEGMENT, PLAY_COMPOSED, DOWNLOAD_SEGMENT,
 * DOWNLOAD_COMPOSED: {@link RecordingViewings}), not per range request of a player.
 */
@Component
class RecordingAudit {
    private final RecordingCatalog catalog;
    private final Clock clock;

    RecordingAudit(RecordingCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    void record(Actor actor, long recordingId, String action, String item, HttpServletRequest request) {
        catalog.recordAccess(recordingId, actor.username(), action, item, request.getRemoteAddr(), clock.instant());
    }
}
