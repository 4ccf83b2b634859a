package org.lianxin.web.recording;

import java.time.Duration;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the uploader and recovers what a crash left (before the live rooms open: {@link LifecyclePhases#RECORDING}),
 * deletes recordings past their retention once a day (on the one instance holding the lease of that job,
 * {@link ClusterJobs}; recovery stays on every instance: each recovers what it left in its own spool), and at
 * shutdown (after the live rooms ended their sessions and the recording's room events carried out those ends) ends
 * every recording still open and waits for what the ends stored to reach storage ({@link RecordingService#close()}:
 * at most {@code RecordingSettings.uploadWait}, 10 s here), then closes the uploader — what is still queued
 * stays in the spool and is uploaded after the next start.
 */
final class RecordingLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RecordingLifecycle.class);

    private final SegmentUploader uploader;
    private final RecordingService service;
    private final PeriodicTask retention;
    private volatile boolean running;

    RecordingLifecycle(SegmentUploader uploader, RecordingService service, ClusterJobs jobs) {
        this.uploader = uploader;
        this.service = service;
        this.retention = jobs.periodic("recording retention", Duration.ofMinutes(1), Duration.ofDays(1),
                this::deleteExpired);
    }

    private void deleteExpired() {
        int n = service.deleteExpired();
        if (n > 0) {
            log.info("recording: {} recording(s) past their retention deleted", n);
        }
    }

    @Override
    public void start() {
        // FFmpeg's natives take a second or more to load: not on the first reception's time
        Thread natives = new Thread(() -> {
            try {
                org.lianxin.recording.capture.TrackCapture.loadNatives();
            } catch (RuntimeException | LinkageError e) {
                log.error("recording: FFmpeg could not be loaded; receptions cannot be recorded", e);
            }
        }, "recording-natives");
        natives.setDaemon(true);
        natives.start();
        uploader.start();
        int recovered = service.recover();
        if (recovered > 0) {
            log.warn("recording: {} recording(s) left unfinished by the last run were recovered", recovered);
        }
        retention.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        retention.stop();
        service.close(); // ends what is still open and waits (uploadWait) for the uploads of every end
        uploader.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Not paused and restarted (Spring's test context cache pauses the lifecycle beans of a context not in use): its stop
     * closes the uploader for good, so this runs from the context's start to its close.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Before the live rooms start, after they stop. */
    @Override
    public int getPhase() {
        return LifecyclePhases.RECORDING;
    }
}
