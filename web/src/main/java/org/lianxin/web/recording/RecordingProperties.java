package org.lianxin.web.recording;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.compose.ComposeSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.recording}.
 *
 * @param instanceId    this server's stable name; at start it recovers the recordings it left unfinished (default local)
 * @param spoolDir      segments wait here until they are in storage (default ${lianxin.data-dir}/spool)
 * @param storage       where recordings are kept
 * @param rtpHost       the address Janus forwards RTP to: this server as Janus sees it (default 127.0.0.1)
 * @param bindHost      where the recorder listens for RTP (default 0.0.0.0)
 * @param rtpPortMin    first UDP port for RTP from Janus (default 30000, {@link CaptureSettings#DEFAULT_PORT_MIN})
 * @param rtpPortMax    last UDP port (default 30999: 250 tracks, 4 ports each; {@link CaptureSettings#DEFAULT_PORT_MAX})
 * @param segmentLength length of a segment; each starts on a keyframe (default 10s)
 * @param retention     how long recordings are kept before they may be deleted, per kind
 * @param compose       make the composed review file after a session (default true)
 * @param liveCompositions how many sessions this server composes while they run, so that the review file is ready
 *                      moments after the end (default 4); further sessions, and all with 0, are composed after their
 *                      end. What one costs while its session runs is measured by {@code ./lianxin bench
 *                      review-latency} ({@code compose_session_core_pct}, BENCHMARKS.md), not assumed here
 * @param composeFps    frame rate of the composed review file (default {@value ComposeSettings#DEFAULT_FPS}; fewer frames
 *                      cost less to encode, BENCHMARKS.md "## capacity")
 * @param composeNice   Linux nice value (0..19) of a composition while its session runs (default
 *                      {@value ComposeSettings#DEFAULT_LIVE_NICE}): on a busy node it yields to the media and the
 *                      signaling, falls behind and catches up (at the latest after the end); 0: normal priority
 * @param presignTtl    how long a presigned playback URL is valid (default 5m)
 * @param composing     where the review files are composed: on this node, or on compose nodes (issue 14)
 * @param switchCheck   how often the node owning a consultation's room reads the host's recording switch from the
 *                      database, to carry out a switch made through another node (default 5s): the safety net only —
 *                      on PostgreSQL that node sends a NOTIFY and the owner follows it at once; read at once too when
 *                      the owner's listening connection broke (it was 1s, the only way, before the notice)
 */
@ConfigurationProperties("lianxin.recording")
@Validated
public record RecordingProperties(
        @NotBlank @DefaultValue("local") String instanceId,
        Path spoolDir,
        @NotNull @DefaultValue Storage storage,
        @NotBlank @DefaultValue("127.0.0.1") String rtpHost,
        @NotBlank @DefaultValue("0.0.0.0") String bindHost,
        @Min(1024) @Max(65535) @DefaultValue("" + CaptureSettings.DEFAULT_PORT_MIN) int rtpPortMin,
        @Min(1024) @Max(65535) @DefaultValue("" + CaptureSettings.DEFAULT_PORT_MAX) int rtpPortMax,
        @NotNull @DefaultValue("10s") Duration segmentLength,
        @NotNull @DefaultValue Retention retention,
        @DefaultValue("true") boolean compose,
        @Min(0) @Max(64) @DefaultValue("4") int liveCompositions,
        @Min(1) @Max(30) @DefaultValue("" + ComposeSettings.DEFAULT_FPS) int composeFps,
        @Min(0) @Max(19) @DefaultValue("" + ComposeSettings.DEFAULT_LIVE_NICE) int composeNice,
        @NotNull @DefaultValue("5m") Duration presignTtl,
        @NotNull @DefaultValue Composing composing,
        @NotNull @DefaultValue("5s") Duration switchCheck) {

    /** Where the review files of this node's recordings are composed. */
    public enum ComposeWhere {
        /** on this node, live ({@code live-compositions}) or after the end from storage (one machine, {@code ./lianxin up}) */
        HERE,
        /**
         * on the compose nodes: this node records raw tracks only and queues each ended recording in the catalog;
         * a node with {@code composing.worker=true} composes it (app nodes of a cluster: BENCHMARKS.md "## capacity")
         */
        COMPOSE_NODES
    }

    /**
     * Keys under {@code lianxin.recording.composing}.
     *
     * @param where  {@code here} (default) or {@code compose-nodes} ({@link ComposeWhere})
     * @param worker this node is a compose node: it takes the recordings queued for the compose nodes from the catalog,
     *               cluster-wide, one at a time, composes each from storage and stores the MP4 (default false). It
     *               needs the same database and storage as the app nodes (a {@code local} storage folder only when
     *               it is shared)
     * @param lease  how long a worker's claim on a composition lasts unless renewed (every third of it): after a
     *               compose node dies, its composition waits this long for another (default 60s, at least 3s)
     * @param poll   how often an idle worker looks for queued compositions: the review file's extra delay after the
     *               end (default 2s; below lease)
     */
    public record Composing(@NotNull @DefaultValue("here") ComposeWhere where,
                            @DefaultValue("false") boolean worker,
                            @NotNull @DefaultValue("60s") Duration lease,
                            @NotNull @DefaultValue("2s") Duration poll) {
    }

    /**
     * @param type     {@code local} (a folder; the embedded default) or {@code s3} (any S3 server: MinIO, Ceph, cloud)
     * @param localDir the folder for {@code local} (default ${lianxin.data-dir}/recordings)
     */
    public record Storage(@NotBlank @DefaultValue("local") String type, Path localDir, @NotNull @DefaultValue S3 s3) {
    }

    /** S3 endpoint and bucket; the secret key comes from the environment, never from a file in the repository. */
    public record S3(URI endpoint, @DefaultValue("us-east-1") String region, @DefaultValue("lianxin-recordings") String bucket,
                     String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "S3[" + endpoint + ", " + region + ", bucket " + bucket + ", key " + (accessKey == null ? "none" : "***") + "]";
        }
    }

    /**
     * @param reception    receptions (default 3650d: ten years, like the petition case file)
     * @param consultation consultations (default 1825d)
     */
    public record Retention(@NotNull @DefaultValue("3650d") Duration reception,
                            @NotNull @DefaultValue("1825d") Duration consultation) {
    }
}
