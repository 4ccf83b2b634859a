package org.lianxin.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.lianxin.recording.capture.CaptureSettings;

/**
 * How a {@link RecordingService} is set up.
 *
 * @param instanceId   this server's stable name: it recovers the recordings it left unfinished
 * @param spoolDir     local folder for segments not yet in storage (mirrors object keys)
 * @param rtpHost      the address the media server forwards RTP to (this host as it sees it)
 * @param bindHost     where the recorder listens for RTP
 * @param uploadWait   at shutdown ({@link RecordingService#close()}), how long the end of the sessions still running
 *                     waits for their last segments and manifests to reach storage before the uploader stops (what has
 *                     not by then stays in the spool and is uploaded after the next start)
 * @param liveCompositions how many recordings this server composes while they are made (the rest,
 *                     and all when 0, are composed after their end)
 * @param composeOnNodes the review files are composed on the compose nodes ({@link ComposeWorker}), not here:
 *                     none live, and an ended recording is queued for them in the catalog
 */
public record RecordingSettings(String instanceId, Path spoolDir, String rtpHost, String bindHost,
                                CaptureSettings capture, Duration receptionRetention,
                                Duration consultationRetention, boolean compose, Duration uploadWait,
                                int liveCompositions, boolean composeOnNodes) {

    /** Composed here (the review files of this server's recordings are made by this server). */
    public RecordingSettings(String instanceId, Path spoolDir, String rtpHost, String bindHost,
                             CaptureSettings capture, Duration receptionRetention, Duration consultationRetention,
                             boolean compose, Duration uploadWait, int liveCompositions) {
        this(instanceId, spoolDir, rtpHost, bindHost, capture, receptionRetention, consultationRetention, compose,
                uploadWait, liveCompositions, false);
    }

    public RecordingSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(rtpHost, "rtpHost");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(receptionRetention, "receptionRetention");
        Objects.requireNonNull(consultationRetention, "consultationRetention");
        Objects.requireNonNull(uploadWait, "uploadWait");
        if (uploadWait.isNegative()) {
            throw new IllegalArgumentException("uploadWait must not be negative: " + uploadWait);
        }
        if (liveCompositions < 0) {
            throw new IllegalArgumentException("liveCompositions must not be negative: " + liveCompositions);
        }
    }
}
