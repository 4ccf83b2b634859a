package org.lianxin.bench;

import static org.lianxin.bench.BenchPages.await;
import static org.lianxin.bench.BenchPages.enc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * One run of {@link ReviewLatencyBench}: a reception through two Chromium pages (the host admits the petitioner,
 * ends after the session's length), the polling of the catalog and storage from the end until the raw recording is
 * playable and the composed file ready, the checks that the outputs are real, and the ffmpeg baselines on them.
 */
final class ReviewLatencyRun {
    /** The composing threads' CPU time, for the whole bench. */
    private final ThreadCpu composingCpu;

    ReviewLatencyRun(ThreadCpu composingCpu) {
        this.composingCpu = composingCpu;
    }

    ReviewLatencyBench.Run oneRun(int index, String base, String password, String pageBase, JanusTestHost janus,
                               RecordingCatalog catalog, ObjectStore store) throws Exception {
        ReceptionFixture f = ReceptionFixture.create(base, password, "jinjiang.leader", "jinjiang.scheduler");
        f.checkIn();
        ReceptionFixture.Ticket hostTicket = f.joinToken("jinjiang.leader");
        ReceptionFixture.Ticket petTicket = f.joinToken("jinjiang.scheduler");
        System.out.println("run " + index + ": booking " + f.bookingId() + " checked in, room " + hostTicket.roomId()
                + " (" + hostTicket.role() + " / " + petTicket.role() + ")");
        List<Chromium> browsers = new ArrayList<>();
        try {
            Chromium host = new Chromium(janus.janusAddress());
            browsers.add(host);
            Chromium petitioner = new Chromium(janus.janusAddress());
            browsers.add(petitioner);
            host.driver().get(pageBase + "?ws=" + enc(hostTicket.wsUrl()) + "&token=" + enc(hostTicket.token()));
            await("the host publishes", 60, () -> answered(host));
            petitioner.driver().get(pageBase + "?ws=" + enc(petTicket.wsUrl()) + "&token=" + enc(petTicket.token()));
            await("the petitioner waits in the lobby", 60, () -> seen(host, "participantWaiting"));

            Instant admittedAt = Instant.now();
            long cpuAtAdmission = composingCpu.totalNanos();
            long admitNanos = System.nanoTime();
            host.js("return lxSend({type: 'admit', participantId: 'petitioner'})");
            await("the petitioner publishes", 60, () -> answered(petitioner));
            long[] rec = {-1};
            await("both publishers captured (recording RECORDING, 2 tracks, first segment bytes arriving)", 60, () -> {
                Optional<Recording> r = catalog.ofBooking(f.bookingId()).stream().findFirst();
                if (r.isEmpty() || r.get().status() != Recording.Status.RECORDING) {
                    return false;
                }
                rec[0] = r.get().id();
                return catalog.tracks(rec[0]).size() >= 2;
            });
            long id = rec[0];
            System.out.printf(Locale.ROOT, "run %d: recording %d capturing 2 tracks %.0f ms after the admission%n",
                    index, id, (System.nanoTime() - admitNanos) / 1e6);
            long endAt = admitNanos + TimeUnit.SECONDS.toNanos(ReviewLatencyBench.SECONDS);
            while (System.nanoTime() < endAt) {
                if (endAt - System.nanoTime() > TimeUnit.SECONDS.toNanos(5)) { // a slow page call must not overshoot
                    check(host);
                    check(petitioner);
                }
                Thread.sleep(Math.min(1000, Math.max(1, (endAt - System.nanoTime()) / 1_000_000)));
            }

            // t0: the host's page is told to send end
            long cpuAtEnd = composingCpu.totalNanos();
            double sessionWallMs = (System.nanoTime() - admitNanos) / 1e6;
            Instant t0Wall = Instant.now();
            long t0 = System.nanoTime();
            host.js("return lxSend({type: 'end'})");
            double endSendMs = ReviewLatencyBench.since(t0);
            System.out.println("run " + index + ": t0 (end sent by the host's page) " + t0Wall);
            double completed = -1, uploaded = -1, manifestAt = -1, rawMs = -1, running = -1, composedMs = -1;
            long composeDoneCpu = -1;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
            Recording r = null;
            List<RecordingCatalog.Segment> segs = List.of();
            while (composedMs < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("run " + index + ": not done 300 s after the end: " + r);
                }
                double now = ReviewLatencyBench.since(t0);
                r = catalog.find(id).orElseThrow();
                if (completed < 0 && r.status() == Recording.Status.COMPLETED) {
                    completed = now;
                }
                if (r.status() != Recording.Status.RECORDING && r.status() != Recording.Status.COMPLETED) {
                    throw new IllegalStateException("run " + index + ": recording ended " + r.status());
                }
                if (rawMs < 0 && completed >= 0) {
                    segs = catalog.segments(id);
                    if (uploaded < 0 && !segs.isEmpty() && segs.stream().allMatch(RecordingCatalog.Segment::uploaded)) {
                        uploaded = now;
                    }
                    if (manifestAt < 0 && r.manifestKey() != null && store.stat(r.manifestKey()).isPresent()) {
                        manifestAt = now;
                    }
                    if (uploaded >= 0 && manifestAt >= 0) {
                        rawMs = now;
                    }
                }
                if (running < 0 && (r.composedState() == Recording.ComposedState.RUNNING
                        || r.composedState() == Recording.ComposedState.DONE)) {
                    running = now;
                }
                if (r.composedState() == Recording.ComposedState.FAILED) {
                    throw new IllegalStateException("run " + index + ": composing failed: " + r.composedError());
                }
                if (rawMs >= 0 && r.composedState() == Recording.ComposedState.DONE) {
                    composedMs = now;
                    break;
                }
                if (r.composedState() == Recording.ComposedState.DONE && composeDoneCpu < 0) {
                    composeDoneCpu = composingCpu.totalNanos();
                }
                Thread.sleep(ReviewLatencyBench.POLL_MS);
            }
            if (composeDoneCpu < 0) {
                composeDoneCpu = composingCpu.totalNanos();
            }
            // the composing threads' last moments (a thread that ended is counted up to its last sample)
            String load = loadAverage();
            for (Chromium b : List.of(host, petitioner)) {
                if (!Boolean.TRUE.equals(b.js("return lx.ended === true"))) {
                    throw new IllegalStateException("a page was not told the session ended: " + b.js("return lx.seen"));
                }
            }
            // the browsers go before the checks and the ffmpeg baselines, so that those do not share the CPU with them
            closeAll(browsers);

            // the outputs are real: the manifest read from storage, every segment in storage, the composed file
            Manifest m;
            try (InputStream in = store.get(r.manifestKey())) {
                m = ManifestCodec.read(in);
            }
            if (!"COMPLETED".equals(m.status())) {
                throw new IllegalStateException("manifest status " + m.status());
            }
            Map<String, Long> perTrack = m.segments().stream()
                    .collect(Collectors.groupingBy(Manifest.Segment::trackId, LinkedHashMap::new, Collectors.counting()));
            if (m.tracks().size() < 2 || m.tracks().stream().anyMatch(t -> perTrack.getOrDefault(t.trackId(), 0L) == 0)) {
                throw new IllegalStateException("manifest tracks without segments: " + m.tracks() + " " + perTrack);
            }
            if (m.segments().size() != segs.size()) {
                throw new IllegalStateException("manifest lists " + m.segments().size() + " segments, catalog "
                        + segs.size());
            }
            long rawBytes = 0;
            for (Manifest.Segment s : m.segments()) {
                long size = store.stat(s.key()).orElseThrow(() -> new IllegalStateException("not stored: " + s.key()))
                        .size();
                if (size != s.bytes() || size == 0) {
                    throw new IllegalStateException(s.key() + ": " + size + " bytes stored, manifest says " + s.bytes());
                }
                rawBytes += size;
            }
            double sessionSeconds = Duration.between(m.startedAt(), m.endedAt()).toMillis() / 1000.0;
            System.out.println("run " + index + ": manifest: " + m.tracks().size() + " tracks, segments per track "
                    + perTrack + ", recording " + m.startedAt() + " → " + m.endedAt() + " (admitted " + admittedAt + ")");
            Path work = Files.createTempDirectory("lianxin-bench-review-out-");
            try {
                String composedKey = r.composedKey();
                ObjectStore.ObjectInfo info = store.stat(composedKey)
                        .orElseThrow(() -> new IllegalStateException("composed file not stored: " + composedKey));
                if (info.size() == 0 || r.composedBytes() == null || info.size() != r.composedBytes()) {
                    throw new IllegalStateException("composed: " + info.size() + " bytes stored, catalog says "
                            + r.composedBytes());
                }
                Path composed = work.resolve("composed.mp4");
                try (InputStream in = store.get(composedKey)) {
                    Files.copy(in, composed);
                }
                double composedSeconds = FfmpegBaselines.probeDuration(composed);
                if (Math.abs(composedSeconds - sessionSeconds) > Math.max(2.0, sessionSeconds * 0.1)) {
                    throw new IllegalStateException("composed lasts " + composedSeconds + " s, session "
                            + sessionSeconds + " s");
                }
                double[] baselines = FfmpegBaselines.ffmpegBaselines(m, store, work);
                return new ReviewLatencyBench.Run(index, id, endSendMs, completed, uploaded, manifestAt, rawMs,
                        running, composedMs,
                        m.segments().size(), rawBytes, info.size(), composedSeconds, sessionSeconds, baselines[0],
                        baselines[1], baselines[2], (cpuAtEnd - cpuAtAdmission) / 1e6,
                        (composeDoneCpu - cpuAtEnd) / 1e6, sessionWallMs, load);
            } finally {
                ReviewLatencyBench.deleteTree(work);
            }
        } finally {
            closeAll(browsers);
        }
    }

    private static void closeAll(List<Chromium> browsers) {
        for (Chromium b : browsers) {
            b.close();
        }
        browsers.clear();
    }

    private static boolean answered(Chromium b) {
        check(b);
        return Boolean.TRUE.equals(b.js("return lx.answered"));
    }

    private static boolean seen(Chromium b, String prefix) {
        check(b);
        Object seen = b.js("return lx.seen");
        return seen instanceof List<?> l && l.stream().anyMatch(s -> String.valueOf(s).startsWith(prefix));
    }

    private static void check(Chromium b) {
        Object errors = b.js("return lx.errors");
        if (errors instanceof List<?> l && !l.isEmpty()) {
            throw new IllegalStateException("page errors: " + l + "; messages " + b.js("return lx.seen"));
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
