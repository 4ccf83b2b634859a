package org.lianxin.web.recording;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.lianxin.recording.ComposeQueueMetrics;
import org.lianxin.recording.ComposeWorker;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingOutbox;
import org.lianxin.recording.RecordingMedia;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.RecordingSettings;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.S3Settings;
import org.lianxin.recording.storage.SegmentUploader;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LianxinProperties;
import org.lianxin.web.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Recording wiring: the catalog (the application's database), the object store (local folder or
 * S3), the uploader, the composer and the {@link RecordingService}, which the live rooms drive
 * through {@link RecordingRoomEvents} and which drives the live rooms back (forwarders, keyframes).
 * Its keys ({@link RecordingProperties}) are checked at start-up with every module's ({@link #recordingKeys()}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordingProperties.class)
public class RecordingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RecordingConfiguration.class);

    /** The catalog; each recording it ends is told to the {@link RecordingOutbox} bean (the webhooks'), if any. */
    @Bean
    RecordingCatalog recordingCatalog(DataSource dataSource, PlatformTransactionManager transactions,
                                      ObjectProvider<RecordingOutbox> outbox) {
        return RecordingCatalog.jdbc(dataSource, transactions, recording -> outbox.ifAvailable(o -> o.ended(recording)));
    }

    /** At a stop, how long the ends of the sessions wait for their last files to reach storage. */
    static final Duration UPLOAD_WAIT_AT_STOP = Duration.ofSeconds(10);

    /** The recording's keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<RecordingProperties> recordingKeys() {
        return new CheckedProperties<>("lianxin.recording", RecordingProperties.class, RecordingConfiguration::check);
    }

    static void check(RecordingProperties props, Secrets secrets, List<String> problems) {
        RecordingProperties.Storage storage = props.storage();
        String type = storage == null || storage.type() == null ? null : storage.type().toLowerCase(Locale.ROOT);
        if (type != null && type.equals("s3")) {
            RecordingProperties.S3 s3 = storage.s3();
            if (s3 == null || s3.endpoint() == null) {
                problems.add("lianxin.recording.storage.s3.endpoint: required for storage type s3");
            }
            if (s3 == null || s3.accessKey() == null || s3.accessKey().isBlank()) {
                problems.add("lianxin.recording.storage.s3.access-key: required for storage type s3");
            }
            if (s3 == null || s3.secretKey() == null || s3.secretKey().isBlank()) {
                problems.add("lianxin.recording.storage.s3.secret-key: required for storage type s3 (set it in the"
                        + " environment)");
            }
        } else if (type != null && !type.isBlank() && !type.equals("local")) {
            problems.add("lianxin.recording.storage.type: local or s3, was " + storage.type());
        }
        // ports out of range (or unreadable) are reported by their annotations
        if (props.rtpPortMin() >= 1024 && props.rtpPortMax() >= 1024 && props.rtpPortMin() >= props.rtpPortMax()) {
            problems.add("lianxin.recording.rtp-port-min: must be below rtp-port-max (" + props.rtpPortMax()
                    + "), was " + props.rtpPortMin());
        }
        if (props.segmentLength() != null && props.segmentLength().compareTo(Duration.ofSeconds(2)) < 0) {
            problems.add("lianxin.recording.segment-length: at least 2s, was " + props.segmentLength());
        }
        if (props.switchCheck() != null && props.switchCheck().compareTo(Duration.ofMillis(100)) < 0) {
            problems.add("lianxin.recording.switch-check: at least 100ms, was " + props.switchCheck());
        }
        ComposingKeys.check(props, problems);
    }

    @Bean
    ObjectStore recordingStore(RecordingProperties props, LianxinProperties lianxin, Secrets secrets) {
        recordingKeys().requireValid(props, secrets); // checked at start-up already; here for a factory used alone
        ObjectStore store;
        if (props.storage().type().equalsIgnoreCase("s3")) {
            RecordingProperties.S3 s3 = props.storage().s3();
            store = ObjectStores.s3(new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(),
                    s3.secretKey()));
        } else {
            Path dir = props.storage().localDir() != null ? props.storage().localDir()
                    : lianxin.dataDir().resolve("recordings");
            store = ObjectStores.local(dir.toAbsolutePath());
        }
        log.info("recording storage: {} (lianxin.recording.storage.type); composed review files {} (lianxin.recording.compose)",
                store.describe(), props.compose() ? "on" : "off");
        ComposingKeys.logRole(props);
        return store;
    }

    @Bean
    SegmentUploader segmentUploader(ObjectStore store) {
        return new SegmentUploader(store);
    }

    @Bean
    Composer composer(RecordingProperties props) {
        ComposeSettings settings = ComposeSettings.defaults().withFps(props.composeFps()).withLiveNice(props.composeNice());
        log.info("composed review files: {}x{} tiles at {} fps (lianxin.recording.compose-fps), live compositions at nice {}"
                + " (lianxin.recording.compose-nice)", settings.tileWidth(), settings.tileHeight(), settings.fps(),
                settings.liveNice());
        return new Composer(settings);
    }

    @Bean
    RecordingService recordingService(RecordingCatalog catalog, ObjectStore store, SegmentUploader uploader,
                                      Composer composer, RecordingProperties props, LianxinProperties lianxin,
                                      ObjectProvider<LiveRooms> rooms, Clock clock) {
        CaptureSettings capture = CaptureSettings.defaults()
                .withSegmentLength(props.segmentLength(), props.segmentLength().multipliedBy(2))
                .withPorts(props.rtpPortMin(), props.rtpPortMax());
        Path spool = props.spoolDir() != null ? props.spoolDir() : lianxin.dataDir().resolve("spool");
        RecordingSettings settings = new RecordingSettings(props.instanceId(), spool.toAbsolutePath(),
                props.rtpHost(), props.bindHost(), capture, props.retention().reception(),
                props.retention().consultation(), props.compose(), UPLOAD_WAIT_AT_STOP,
                props.liveCompositions(),
                props.compose() && props.composing().where() == RecordingProperties.ComposeWhere.COMPOSE_NODES);
        // the live rooms are made after this (they deliver their events to it): looked up when first used
        RecordingMedia media = new RecordingMedia() {
            @Override
            public CompletableFuture<Void> forward(String roomId, String participantId, String host, int audioPort,
                                                   int audioPayloadType, int videoPort, int videoPayloadType) {
                return rooms.getObject().forward(roomId, participantId, new ForwardTarget(host, audioPort,
                        audioPayloadType, videoPort, videoPayloadType)).thenApply(f -> null);
            }

            @Override
            public CompletableFuture<Void> stopForward(String roomId, String participantId) {
                return rooms.getObject().stopForward(roomId, participantId);
            }

            @Override
            public CompletableFuture<Void> requestKeyframe(String roomId, String participantId) {
                return rooms.getObject().requestKeyframe(roomId, participantId);
            }
        };
        return new RecordingService(catalog, store, uploader, composer, settings, media, clock);
    }

    /** This node as a compose node ({@code lianxin.recording.composing.worker=true}); none otherwise. */
    @Bean
    ComposeWorkerLifecycle composeWorkerLifecycle(RecordingCatalog catalog, ObjectStore store, Composer composer,
                                                  RecordingProperties props, LianxinProperties lianxin, Clock clock) {
        if (!props.composing().worker()) {
            return ComposeWorkerLifecycle.off();
        }
        ComposeWorker.Settings settings = new ComposeWorker.Settings(props.instanceId(),
                lianxin.dataDir().resolve("compose-work").toAbsolutePath(), props.composing().lease(),
                props.composing().poll(), ComposingKeys.STORAGE_RETRY);
        return ComposeWorkerLifecycle.on(new ComposeWorker(catalog, store, composer, settings, clock));
    }

    /**
     * The compose nodes' queue (depth, oldest waiting age) and this compose node's jobs as metrics
     * ({@link ComposeQueueMetrics}), on the nodes that use compose nodes; nothing otherwise.
     */
    @Bean
    MeterBinder composeQueueMetrics(RecordingCatalog catalog, RecordingProperties props,
                                    ComposeWorkerLifecycle workers, Clock clock) {
        if (!props.composing().worker() && props.composing().where() != RecordingProperties.ComposeWhere.COMPOSE_NODES) {
            return registry -> { };
        }
        return new ComposeQueueMetrics(catalog, workers.worker().orElse(null), clock);
    }

    @Bean
    RecordingLifecycle recordingLifecycle(SegmentUploader uploader, RecordingService service, ClusterJobs jobs) {
        return new RecordingLifecycle(uploader, service, jobs);
    }
}
