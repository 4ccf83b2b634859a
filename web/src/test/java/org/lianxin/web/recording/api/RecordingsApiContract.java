package org.lianxin.web.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.web.LianxinApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The recordings REST API over real HTTP against the whole application (dev profile, demo users), once on H2 and
 * once on PostgreSQL. Recordings are made directly through the {@link RecordingCatalog} bean and their objects put
 * into the {@link ObjectStore} bean (a local folder under the test's data dir): no live media needed. Every
 * refused request is checked to have written no access row.
 */
@SpringBootTest(classes = {LianxinApplication.class, RecordingsApiContract.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + RecordingsApiContract.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz"})
abstract class RecordingsApiContract {
    static final String PASSWORD = "recordings-it-demo-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.now(SHANGHAI).plusDays(3).with(java.time.temporal.TemporalAdjusters
            .nextOrSame(DayOfWeek.WEDNESDAY));
    static final MutableClock CLOCK = new MutableClock(DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final String JINJIANG = RecHttp.basic("jinjiang.scheduler", PASSWORD);
    static final String JINJIANG_LEADER = RecHttp.basic("jinjiang.leader", PASSWORD);
    static final String FUCHENG = RecHttp.basic("fucheng.scheduler", PASSWORD);
    static final String CITY_LEADER = RecHttp.basic("cd.leader", PASSWORD);
    static final String HOUSING = RecHttp.basic("cd.housing", PASSWORD);
    static final String REVIEWER = RecHttp.basic("sc.reviewer", PASSWORD);
    static final String ADMIN = RecHttp.basic("sc.admin", PASSWORD);
    private static final AtomicInteger SEQ = new AtomicInteger();

    static Path tempDataDir(String name) {
        try {
            return Files.createTempDirectory("lianxin-" + name + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        java.time.Clock recordingsItClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    ObjectStore store;

    RecHttp http;
    long jinjiang;
    long caseId;

    @BeforeEach
    void setUp() {
        CLOCK.set(DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
        http = new RecHttp("http://localhost:" + port);
        for (JsonNode o : ok(http.get("/api/v1/offices", ADMIN)).json()) {
            if (o.path("code").asString().equals("510104")) jinjiang = o.path("id").asLong();
        }
        assertThat(jinjiang).isPositive();
        caseId = newCase(IdNumbers.valid("510104", 7000 + SEQ.incrementAndGet()));
    }

    static RecHttp.Response ok(RecHttp.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    static void problem(RecHttp.Response r, int status, String rule) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElse("")).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    long newCase(String idNumber) {
        String number = "REC-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", number);
        c.put("petitionerName", "王录像");
        c.put("idNumber", idNumber);
        c.put("phone", "13800001234");
        c.put("subject", "征地补偿");
        c.put("category", "国土资源");
        c.put("officeCode", "510104");
        return ok(http.send("POST", "/api/v1/cases", JINJIANG, c)).json().path("id").asLong();
    }

    /** A recording of a reception in 锦江区 with one track of two uploaded segments, a timeline and a gap. */
    Recording recording() {
        Instant t0 = CLOCK.instant().minus(Duration.ofHours(2));
        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "it-room-" + UUID.randomUUID(), null, null, caseId, jinjiang, "it", t0));
        catalog.markRecording(r.id(), t0);
        catalog.addTrack(new RecordingCatalog.Track(r.id(), "s0-official-1", "official-1", "测试领导", "host", 0, t0,
                null, 0));
        catalog.addEvent(r.id(), new Manifest.TimelineEntry(t0, "CHECKED_IN", "petitioner", "petitioner", null));
        catalog.addEvent(r.id(), new Manifest.TimelineEntry(t0.plusSeconds(5), "JOINED", "official-1", "host", null));
        catalog.addGap(r.id(), new Manifest.Gap(t0.plusSeconds(20), t0.plusSeconds(30), "MEDIA_LOST"));
        return r;
    }

    /** Puts {@code bytes} into the store as the recording's next segment, uploaded. */
    RecordingCatalog.Segment segment(Recording r, int trackIndex, byte[] bytes) {
        String key = Recording.segmentKey(r.id(), "s0-official-1", trackIndex);
        store.put(key, bytes, "video/x-matroska");
        Instant at = CLOCK.instant().minus(Duration.ofHours(2)).plusSeconds(10L * trackIndex);
        RecordingCatalog.Segment s = catalog.appendSegment(r.id(), "s0-official-1", trackIndex, key, bytes.length,
                sha256(bytes), at, at.plusSeconds(10), 10_000);
        catalog.markUploaded(r.id(), s.chainIndex(), at.plusSeconds(11));
        return s;
    }

    void finish(Recording r, Instant retentionUntil) {
        byte[] manifest = ("{\"format\":\"" + Manifest.FORMAT + "\",\"recordingId\":" + r.id() + "}")
                .getBytes(StandardCharsets.UTF_8);
        store.put(Manifest.key(r.id()), manifest, "application/json");
        catalog.finish(r.id(), Recording.Status.COMPLETED, CLOCK.instant().minus(Duration.ofHours(1)),
                Manifest.key(r.id()), sha256(manifest), retentionUntil);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> actions(long id) {
        return catalog.accesses(id).stream().map(RecordingCatalog.Access::action).toList();
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void staffOfTheSubtreeSeeARecordingAnotherCitysStaffDoNotAndEveryViewIsAudited() {
        Recording r = recording();
        String path = "/api/v1/recordings/" + r.id();

        // 涪城区 (绵阳) is another city: the recording does not exist for them, and nothing is audited
        problem(http.get(path, FUCHENG), 404, "recording-not-found");
        assertThat(ok(http.get("/api/v1/recordings?caseId=" + caseId, FUCHENG)).json().size()).isZero();
        problem(http.get(path + "/segments/0/media", FUCHENG), 404, "recording-not-found");
        problem(http.get("/api/v1/recordings/" + Long.MAX_VALUE, ADMIN), 404, "recording-not-found");
        assertThat(catalog.accesses(r.id())).isEmpty();

        // the county's staff, the city's leader and the province's reviewer see it
        JsonNode list = ok(http.get("/api/v1/recordings?caseId=" + caseId, JINJIANG)).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).path("id").asLong()).isEqualTo(r.id());
        assertThat(list.get(0).path("status").asString()).isEqualTo("RECORDING");
        assertThat(list.get(0).path("composedState").asString()).isEqualTo("NONE");
        assertThat(list.get(0).path("durationMs").asLong()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(catalog.accesses(r.id())).as("listing is not an access").isEmpty();

        JsonNode d = ok(http.get(path, JINJIANG)).json();
        assertThat(d.path("recording").path("kind").asString()).isEqualTo("RECEPTION");
        assertThat(d.path("tracks").get(0).path("displayName").asString()).isEqualTo("测试领导");
        assertThat(d.path("timeline").findValuesAsString("type")).containsExactly("CHECKED_IN", "JOINED");
        assertThat(d.path("gaps").get(0).path("reason").asString()).isEqualTo("MEDIA_LOST");
        assertThat(d.toString()).as("storage keys and room ids are not exposed").doesNotContain("recordings/")
                .doesNotContain("it-room-");
        ok(http.get(path, CITY_LEADER));
        ok(http.get(path, REVIEWER));

        List<RecordingCatalog.Access> rows = catalog.accesses(r.id());
        assertThat(rows).extracting(RecordingCatalog.Access::action).containsExactly("VIEW", "VIEW", "VIEW");
        assertThat(rows).extracting(RecordingCatalog.Access::username)
                .containsExactly("jinjiang.scheduler", "cd.leader", "sc.reviewer");
        assertThat(rows.get(0).remoteAddr()).isNotBlank();
        assertThat(rows.get(0).at()).isEqualTo(CLOCK.instant());

        // the audit is for administrators and reviewers; staff who see the recording are refused
        problem(http.get(path + "/accesses", JINJIANG), 403, "recording-manager-only");
        problem(http.get(path + "/accesses", FUCHENG), 404, "recording-not-found");
        JsonNode audit = ok(http.get(path + "/accesses", REVIEWER)).json();
        assertThat(audit.size()).isEqualTo(3);
        assertThat(audit.get(1).path("username").asString()).isEqualTo("cd.leader");

        // exactly one of caseId, bookingId, consultationId
        problem(http.get("/api/v1/recordings", JINJIANG), 400, "recording-query");
        problem(http.get("/api/v1/recordings?caseId=1&bookingId=2", JINJIANG), 400, "recording-query");
        assertThat(catalog.accesses(r.id())).hasSize(3);
    }

    @Test
    void segmentsAndTheComposedFileAreServedWithRangesAndEachRequestIsAudited() {
        Recording r = recording();
        byte[] first = random(1000, 1);
        byte[] second = random(4096, 2);
        segment(r, 0, first);
        RecordingCatalog.Segment s1 = segment(r, 1, second);
        String media = "/api/v1/recordings/" + r.id() + "/segments/" + s1.chainIndex() + "/media";

        RecHttp.Response whole = ok(http.get(media, JINJIANG));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(second);
        assertThat(whole.header("Content-Type")).hasValue("video/x-matroska");
        assertThat(whole.header("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.header("Content-Length")).hasValue("4096");

        RecHttp.Response part = http.get(media, JINJIANG, "Range", "bytes=10-19");
        assertThat(part.status()).as(part.toString()).isEqualTo(206);
        assertThat(part.header("Content-Range")).hasValue("bytes 10-19/4096");
        assertThat(part.bytes()).isEqualTo(Arrays.copyOfRange(second, 10, 20));

        RecHttp.Response suffix = http.get(media, JINJIANG, "Range", "bytes=-100");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.header("Content-Range")).hasValue("bytes 3996-4095/4096");
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(second, 3996, 4096));

        RecHttp.Response open = http.get(media, JINJIANG, "Range", "bytes=4000-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(second, 4000, 4096));

        RecHttp.Response several = http.get(media, JINJIANG, "Range", "bytes=0-1,5-6");
        assertThat(several.status()).as("several ranges: the whole object").isEqualTo(200);
        assertThat(several.bytes()).isEqualTo(second);

        int before = catalog.accesses(r.id()).size();
        RecHttp.Response beyond = http.get(media, JINJIANG, "Range", "bytes=4096-");
        problem(beyond, 416, "range-not-satisfiable");
        assertThat(beyond.header("Content-Range")).hasValue("bytes */4096");
        problem(http.get("/api/v1/recordings/" + r.id() + "/segments/99/media", JINJIANG), 404, "segment-not-found");
        problem(http.get(media, FUCHENG), 404, "recording-not-found");
        assertThat(catalog.accesses(r.id())).as("refused requests write no row").hasSize(before);

        // one viewing, however many range requests the player makes (issue 9: an access row means a person watched)
        List<RecordingCatalog.Access> rows = catalog.accesses(r.id());
        assertThat(rows).extracting(RecordingCatalog.Access::action).containsExactly("PLAY_SEGMENT");
        assertThat(rows).extracting(RecordingCatalog.Access::item).containsExactly("segment:1");
        // a download is a download, told apart and sent as an attachment
        RecHttp.Response download = ok(http.get(media + "?download=true", JINJIANG));
        assertThat(download.bytes()).isEqualTo(second);
        assertThat(download.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(actions(r.id())).containsExactly("PLAY_SEGMENT", "DOWNLOAD_SEGMENT");
        ok(http.get(media, REVIEWER, "Range", "bytes=0-99"));
        assertThat(catalog.accesses(r.id())).as("another person's viewing is another row")
                .extracting(RecordingCatalog.Access::username).containsExactly("jinjiang.scheduler",
                        "jinjiang.scheduler", "sc.reviewer");

        // the composed file: not before it is DONE
        String composed = "/api/v1/recordings/" + r.id() + "/composed/media";
        catalog.composed(r.id(), Recording.ComposedState.RUNNING, 40, null, null, null);
        problem(http.get(composed, JINJIANG), 409, "composed-not-ready");
        assertThat(ok(http.get("/api/v1/recordings?caseId=" + caseId, JINJIANG)).json().get(0)
                .path("composedProgress").asInt()).isEqualTo(40);
        byte[] mp4 = random(10_000, 3);
        store.put(Recording.composedKey(r.id()), mp4, "video/mp4");
        catalog.composed(r.id(), Recording.ComposedState.DONE, 100, Recording.composedKey(r.id()), (long) mp4.length,
                null);
        RecHttp.Response c = http.get(composed, REVIEWER, "Range", "bytes=0-1023");
        assertThat(c.status()).as(c.toString()).isEqualTo(206);
        assertThat(c.header("Content-Type")).hasValue("video/mp4");
        assertThat(c.header("Content-Range")).hasValue("bytes 0-1023/10000");
        assertThat(c.bytes()).isEqualTo(Arrays.copyOf(mp4, 1024));
        assertThat(ok(http.get(composed, REVIEWER)).bytes()).isEqualTo(mp4);
        assertThat(actions(r.id())).endsWith("PLAY_SEGMENT", "PLAY_COMPOSED").hasSize(4);
    }

    @Test
    void theManifestOnceEndedAndNoLinksFromALocalFolder() {
        Recording r = recording();
        segment(r, 0, random(300, 4));
        problem(http.get("/api/v1/recordings/" + r.id() + "/manifest", JINJIANG), 409, "recording-not-ended");

        finish(r, CLOCK.instant().plus(Duration.ofDays(365)));
        RecHttp.Response m = ok(http.get("/api/v1/recordings/" + r.id() + "/manifest", JINJIANG));
        Recording ended = catalog.find(r.id()).orElseThrow();
        assertThat(sha256(m.bytes())).as("the stored bytes, as they are").isEqualTo(ended.manifestSha256());
        assertThat(m.json().path("recordingId").asLong()).isEqualTo(r.id());

        String links = "/api/v1/recordings/" + r.id() + "/links";
        problem(http.send("POST", links, JINJIANG, Map.of("item", "segment:0")), 409, "presign-unsupported");
        problem(http.send("POST", links, JINJIANG, Map.of("item", "composed")), 409, "composed-not-ready");
        problem(http.send("POST", links, JINJIANG, Map.of("item", "everything")), 400, "bad-item");
        problem(http.send("POST", links, JINJIANG, Map.of("item", "segment:x")), 400, "bad-item");
        problem(http.send("POST", links, JINJIANG, Map.of()), 400, "validation");
        problem(http.send("POST", links, FUCHENG, Map.of("item", "segment:0")), 404, "recording-not-found");
        assertThat(actions(r.id())).containsExactly("MANIFEST");
    }

    /** Ends {@code r} with a real manifest of its catalog segments (as the recording service writes it). */
    String finishWithManifest(Recording r) {
        Recording cur = catalog.find(r.id()).orElseThrow();
        Instant end = CLOCK.instant().minus(Duration.ofHours(1));
        List<Manifest.Segment> segments = catalog.segments(r.id()).stream().map(x -> new Manifest.Segment(
                x.chainIndex(), x.trackId(), x.trackIndex(), x.key(), x.bytes(), x.sha256(), x.chain(), x.startedAt(),
                x.endedAt(), x.durationMs())).toList();
        byte[] manifest = org.lianxin.recording.ManifestCodec.write(new Manifest(Manifest.FORMAT, r.id(), "RECEPTION",
                null, null, caseId, cur.roomId(), jinjiang, "COMPLETED", cur.startedAt(), end, List.of(), List.of(),
                segments, List.of(), List.of(), cur.chainHead()));
        store.put(Manifest.key(r.id()), manifest, "application/json");
        catalog.finish(r.id(), Recording.Status.COMPLETED, end, Manifest.key(r.id()), sha256(manifest),
                CLOCK.instant().plus(Duration.ofDays(365)));
        return sha256(manifest);
    }

    @Test
    void aVerificationRecomputesTheHashesAndFindsAStorageRewriteTheManifestAloneWouldHide() {
        Recording r = recording();
        segment(r, 0, random(400, 21));
        RecordingCatalog.Segment second = segment(r, 1, random(400, 22));
        String path = "/api/v1/recordings/" + r.id() + "/verification";
        problem(http.send("POST", path, REVIEWER, null), 409, "recording-not-ended");
        String recordedSha = finishWithManifest(r);

        problem(http.send("POST", path, JINJIANG, null), 403, "recording-manager-only");
        problem(http.send("POST", path, FUCHENG, null), 404, "recording-not-found");
        JsonNode intact = ok(http.send("POST", path, REVIEWER, null)).json();
        assertThat(intact.path("ok").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("segments").asInt()).isEqualTo(2);
        assertThat(intact.path("manifestSha256").asString()).isEqualTo(recordedSha);

        // segment 1 replaced by other bytes of the same size, its hash, link, head and the manifest rewritten to match
        byte[] forged = random(400, 99);
        store.put(second.key(), forged, "video/x-matroska");
        List<Manifest.Segment> segments = new ArrayList<>();
        String chain = org.lianxin.recording.HashChain.GENESIS;
        for (RecordingCatalog.Segment x : catalog.segments(r.id())) {
            String sha = x.chainIndex() == second.chainIndex() ? sha256(forged) : x.sha256();
            chain = org.lianxin.recording.HashChain.link(chain, x.key(), sha);
            segments.add(new Manifest.Segment(x.chainIndex(), x.trackId(), x.trackIndex(), x.key(), x.bytes(), sha,
                    chain, x.startedAt(), x.endedAt(), x.durationMs()));
        }
        Recording ended = catalog.find(r.id()).orElseThrow();
        store.put(Manifest.key(r.id()), org.lianxin.recording.ManifestCodec.write(new Manifest(Manifest.FORMAT, r.id(),
                "RECEPTION", null, null, caseId, ended.roomId(), jinjiang, "COMPLETED", ended.startedAt(),
                ended.endedAt(), List.of(), List.of(), segments, List.of(), List.of(), chain)), "application/json");

        JsonNode found = ok(http.send("POST", path, ADMIN, null)).json();
        assertThat(found.path("ok").asBoolean()).as(found.toString()).isFalse();
        List<String> kinds = new ArrayList<>();
        found.path("problems").forEach(p -> kinds.add(p.path("kind").asString()));
        assertThat(kinds).containsExactly("MANIFEST_DIFFERS", "MANIFEST_DIFFERS");
        assertThat(found.path("problems").get(0).path("detail").asString()).contains(recordedSha);

        store.delete(second.key());
        JsonNode missing = ok(http.send("POST", path, REVIEWER, null)).json();
        List<String> now = new ArrayList<>();
        missing.path("problems").forEach(p -> now.add(p.path("kind").asString()));
        assertThat(now).contains("MISSING");

        assertThat(catalog.accesses(r.id())).extracting(a -> a.action() + " " + a.item())
                .containsExactly("VERIFY ok", "VERIFY 2 problem(s)", "VERIFY 3 problem(s)");
    }

    @Test
    void aLegalHoldBlocksDeletionUntilReleasedAndOnlyManagersHoldOrDelete() throws Exception {
        Recording r = recording();
        RecordingCatalog.Segment s = segment(r, 0, random(500, 5));
        // its retention runs out once it is held: were it already out, the retention job (its first run a minute after
        // the start) could delete it before the hold — a busy machine's CI found that
        finish(r, CLOCK.instant().plus(Duration.ofHours(1)));
        String path = "/api/v1/recordings/" + r.id();

        problem(http.send("PUT", path + "/legal-hold", JINJIANG, Map.of("reason", "复查")), 403, "recording-manager-only");
        problem(http.send("PUT", path + "/legal-hold", CITY_LEADER, Map.of("reason", "复查")), 403,
                "recording-manager-only");
        problem(http.send("PUT", path + "/legal-hold", FUCHENG, Map.of("reason", "复查")), 404, "recording-not-found");
        problem(http.send("PUT", path + "/legal-hold", REVIEWER, Map.of("reason", " ")), 400, "validation");
        problem(http.send("DELETE", path, JINJIANG, null), 403, "recording-manager-only");
        assertThat(catalog.accesses(r.id())).isEmpty();

        JsonNode held = ok(http.send("PUT", path + "/legal-hold", REVIEWER, Map.of("reason", "行政复议中"))).json();
        assertThat(held.path("legalHold").asBoolean()).isTrue();
        assertThat(held.path("legalHoldReason").asString()).isEqualTo("行政复议中");
        assertThat(held.path("legalHoldBy").asString()).isEqualTo("sc.reviewer");

        CLOCK.set(CLOCK.instant().plus(Duration.ofHours(2))); // retention passed: only the hold keeps it
        problem(http.send("DELETE", path, ADMIN, null), 409, "legal-hold");
        Recording still = catalog.find(r.id()).orElseThrow();
        assertThat(still.status()).isEqualTo(Recording.Status.COMPLETED);
        assertThat(store.stat(s.key())).as("nothing deleted").isPresent();
        assertThat(store.stat(Manifest.key(r.id()))).isPresent();
        assertThat(ok(http.get(path + "/segments/0/media", JINJIANG)).bytes()).hasSize(500);

        JsonNode released = ok(http.send("DELETE", path + "/legal-hold", ADMIN, null)).json();
        assertThat(released.path("legalHold").asBoolean()).isFalse();

        RecHttp.Response deleted = http.send("DELETE", path, ADMIN, null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(catalog.find(r.id()).orElseThrow().status()).isEqualTo(Recording.Status.DELETED);
        assertThat(store.stat(s.key())).as("the segment is gone").isEmpty();
        problem(http.get(path + "/segments/0/media", JINJIANG), 410, "recording-deleted");
        problem(http.send("PUT", path + "/legal-hold", REVIEWER, Map.of("reason", "晚了")), 410, "recording-deleted");

        assertThat(actions(r.id())).containsExactly("HOLD", "PLAY_SEGMENT", "RELEASE", "DELETE");
        assertThat(catalog.accesses(r.id())).extracting(RecordingCatalog.Access::username)
                .containsExactly("sc.reviewer", "jinjiang.scheduler", "sc.admin", "sc.admin");
    }

    @Test
    void retentionNotReachedOrNotEndedRefusesDeletionAndComposeRunsOnceEnded() {
        Recording running = recording();
        segment(running, 0, random(200, 6));
        String path = "/api/v1/recordings/" + running.id();
        problem(http.send("DELETE", path, ADMIN, null), 409, "recording-not-ended");
        problem(http.send("POST", path + "/compose", ADMIN, null), 409, "recording-not-ended");
        problem(http.send("POST", path + "/compose", JINJIANG, null), 403, "recording-manager-only");

        Recording kept = recording();
        RecordingCatalog.Segment s = segment(kept, 0, random(200, 7));
        finish(kept, CLOCK.instant().plus(Duration.ofDays(30)));
        problem(http.send("DELETE", "/api/v1/recordings/" + kept.id(), REVIEWER, null), 409, "retention");
        assertThat(catalog.find(kept.id()).orElseThrow().status()).isEqualTo(Recording.Status.COMPLETED);
        assertThat(store.stat(s.key())).isPresent();
        JsonNode listed = ok(http.get("/api/v1/recordings?caseId=" + caseId, JINJIANG)).json();
        assertThat(listed.findValuesAsString("retentionUntil")).isNotEmpty();

        RecHttp.Response composed = http.send("POST", "/api/v1/recordings/" + kept.id() + "/compose", REVIEWER, null);
        assertThat(composed.status()).as(composed.toString()).isEqualTo(202);
        assertThat(actions(running.id())).isEmpty();
        assertThat(actions(kept.id())).containsExactly("COMPOSE");
    }

    @Test
    void theTerminalStaffTellTheRecordingNoticeOnlyAfterCheckIn() {
        // a fresh official with every day open, a terminal in 锦江区, a booking at 10:00
        String tag = SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) windows.add(Map.of("day", d.name(), "start", "08:00", "end", "20:00"));
        Map<String, Object> official = new LinkedHashMap<>();
        official.put("officeId", jinjiang);
        official.put("name", "录像测试领导" + tag);
        official.put("title", "副局长");
        official.put("kind", "LEADER");
        official.put("slotMinutes", 30);
        official.put("bufferMinutes", 10);
        official.put("maxSessionsPerDay", 48);
        official.put("windows", windows);
        long officialId = ok(http.send("POST", "/api/v1/officials", ADMIN, official)).json().path("id").asLong();
        long terminal = ok(http.send("POST", "/api/v1/terminals", ADMIN,
                Map.of("officeId", jinjiang, "name", "录像测试室" + tag, "location", "一楼"))).json().path("id").asLong();
        String idNumber = IdNumbers.valid("510104", 8000 + SEQ.incrementAndGet());
        long caseOfBooking = newCase(idNumber);
        Instant start = DAY.atTime(10, 0).atZone(SHANGHAI).toInstant();
        long booking = ok(http.send("POST", "/api/v1/bookings", JINJIANG, Map.of("officialId", officialId,
                "terminalId", terminal, "caseId", caseOfBooking, "start", start.toString()))).json().path("id").asLong();
        String notice = "/api/v1/bookings/" + booking + "/recording-notice";

        problem(http.send("POST", notice, JINJIANG, null), 409, "not-checked-in");
        problem(http.send("POST", notice, FUCHENG, null), 404, "booking-not-found");
        assertThat(catalog.ofBooking(booking)).isEmpty();

        CLOCK.set(start.minus(Duration.ofMinutes(10)));
        ok(http.send("POST", "/api/v1/bookings/" + booking + "/check-in", JINJIANG, Map.of("idNumber", idNumber)));
        problem(http.send("POST", notice, JINJIANG_LEADER, null), 403, "not-terminal-staff"); // sees it, is no staff
        problem(http.send("POST", notice, ADMIN, null), 403, "not-terminal-staff");

        RecHttp.Response shown = http.send("POST", notice, JINJIANG, null);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(204);
        List<Recording> recordings = catalog.ofBooking(booking);
        assertThat(recordings).as("the notice is on the booking's recording").hasSize(1);
        Recording rec = recordings.get(0);
        assertThat(rec.officeId()).isEqualTo(jinjiang);
        assertThat(rec.caseId()).isEqualTo(caseOfBooking);
        assertThat(catalog.timeline(rec.id())).extracting(Manifest.TimelineEntry::type).contains("RECORDING_NOTICE");
    }

    @Test
    void onlyTheConsultationsHostTurnsItsRecordingOnAndOff() {
        long id = ok(http.send("POST", "/api/v1/consultations", JINJIANG_LEADER,
                Map.of("title", "录像会商" + SEQ.incrementAndGet()))).json().path("id").asLong();
        String path = "/api/v1/consultations/" + id + "/recording";

        problem(http.send("PUT", path, HOUSING, Map.of("on", true)), 404, "consultation-not-found");
        problem(http.send("PUT", path, JINJIANG, Map.of("on", true)), 403, "not-consultation-host");
        problem(http.send("PUT", path, JINJIANG_LEADER, Map.of()), 400, "validation");

        JsonNode on = ok(http.send("PUT", path, JINJIANG_LEADER, Map.of("on", true))).json();
        assertThat(on.path("consultationId").asLong()).isEqualTo(id);
        assertThat(on.path("recording").asBoolean()).isTrue();
        JsonNode off = ok(http.send("PUT", path, JINJIANG_LEADER, Map.of("on", false))).json();
        assertThat(off.path("recording").asBoolean()).isFalse();

        ok(http.send("POST", "/api/v1/consultations/" + id + "/end", JINJIANG_LEADER, null));
        problem(http.send("PUT", path, JINJIANG_LEADER, Map.of("on", true)), 409, "consultation-ended");
    }

    @Test
    void theOpenApiDocumentDescribesTheRecordingsApi() {
        RecHttp.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        for (String p : List.of("/api/v1/recordings", "/api/v1/recordings/{id}", "/api/v1/recordings/{id}/manifest",
                "/api/v1/recordings/{id}/segments/{chainIndex}/media", "/api/v1/recordings/{id}/composed/media",
                "/api/v1/recordings/{id}/links", "/api/v1/recordings/{id}/legal-hold",
                "/api/v1/recordings/{id}/compose", "/api/v1/recordings/{id}/accesses", "/api/v1/recordings/{id}/verification",
                "/api/v1/bookings/{id}/recording-notice", "/api/v1/consultations/{id}/recording")) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
        assertThat(paths.path("/api/v1/recordings/{id}/segments/{chainIndex}/media").path("get").path("parameters")
                .findValuesAsString("name")).containsExactlyInAnyOrder("id", "chainIndex", "download");
    }
}
