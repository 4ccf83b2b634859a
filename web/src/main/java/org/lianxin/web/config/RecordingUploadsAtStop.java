package org.lianxin.web.config;

import java.time.Duration;
import org.lianxin.recording.storage.SegmentUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At a stop, what the ends of the sessions handed to the uploader (their last segments, their manifests) reaches
 * storage before the recorder closes the uploader, which would leave queued files in the spool until the next start:
 * waits until the uploader is idle, at most {@link #AT_MOST} (storage down: the rest stays in the spool, nothing is
 * lost). Runs after the recording's room events carried out the ends of the sessions
 * ({@link LifecyclePhases#RECORDING_UPLOADS}).
 */
@Component
class RecordingUploadsAtStop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RecordingUploadsAtStop.class);
    static final Duration AT_MOST = Duration.ofSeconds(10);

    private final SegmentUploader uploader;
    private volatile boolean running;

    RecordingUploadsAtStop(SegmentUploader uploader) {
        this.uploader = uploader;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (!uploader.awaitIdle(AT_MOST)) {
                log.warn("recording: {} upload(s) not done {} s into the stop; their files stay in the spool and are"
                        + " uploaded after the next start", uploader.pending(), AT_MOST.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.RECORDING_UPLOADS;
    }
}
