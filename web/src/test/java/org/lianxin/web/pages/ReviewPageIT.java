package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.FreeSlot;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.Terminals;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.web.security.UserAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review page in real headless Chromium against the whole application (dev profile, H2): a recording is
 * prepared through the catalog with a real composed MP4 (H.264/AAC) and a real Matroska segment (VP8/Opus), both
 * made by Debian's ffmpeg at test time and put into the object store. The province's reviewer finds the case,
 * opens the recording, and the composed video and the segment really play (time advances, frames decoded); the
 * timeline shows the notice and the gap in red; the reviewer puts it on legal hold; the audit has every access.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=dev"})
class ReviewPageIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Path DATA_DIR = tempDir();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Path mp4;
    private static Path mkv;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("lianxin.demo.password", () -> PASSWORD);
        registry.add("lianxin.data-dir", DATA_DIR::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:review-page-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @LocalServerPort
    int port;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    ObjectStore store;
    @Autowired
    Cases cases;
    @Autowired
    Offices offices;
    @Autowired
    Bookings bookings;
    @Autowired
    Availability availability;
    @Autowired
    Terminals terminals;
    @Autowired
    UserAccounts users;
    @Autowired
    Officials officials;
    @Autowired
    JdbcClient jdbc;

    private ChromiumBrowser browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "failure-" + context.getRequiredTestMethod().getName() + ".png"),
                        browser.driver().getScreenshotAs(OutputType.BYTES));
            } catch (RuntimeException | IOException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    };

    @BeforeAll
    static void makeMedia() throws Exception {
        mp4 = DATA_DIR.resolve("composed-src.mp4");
        mkv = DATA_DIR.resolve("segment-src.mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=d=3:s=320x240", "-f", "lavfi", "-i", "sine=d=3", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", mp4.toString());
        ffmpeg("-f", "lavfi", "-i", "testsrc2=d=3:s=320x240", "-f", "lavfi", "-i", "sine=d=3", "-c:v", "libvpx",
                "-c:a", "libopus", mkv.toString());
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        assertThat(p.exitValue()).as("ffmpeg " + String.join(" ", args) + ": " + out).isZero();
    }

    @BeforeEach
    void startBrowser() {
        ChromiumBrowser.assumeAvailable();
        browser = ChromiumBrowser.startWithFakeMedia("zh-CN"); // also lets media play without a click
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @AfterAll
    static void deleteDataDir() throws IOException {
        TestDataDir.delete(DATA_DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lianxin-review-page-it-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A finished reception of a new 锦江区 case: one track, one segment, timeline, a gap, composed MP4. */
    private Recording prepare(CaseFile c) throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        String[][] events = {{"0", "CHECKED_IN", "petitioner"}, {"5", "RECORDING_NOTICE", "petitioner"},
                {"10", "JOINED", "official-1"}, {"12", "ADMITTED", "petitioner"}, {"20", "MUTED", "petitioner"},
                {"40", "LEFT", "petitioner"}, {"45", "ENDED", null}};
        List<Manifest.TimelineEntry> timeline = new java.util.ArrayList<>();
        for (String[] e : events) {
            timeline.add(new Manifest.TimelineEntry(t0.plusSeconds(Long.parseLong(e[0])), e[1], e[2],
                    e[2] == null ? null : e[2].startsWith("official") ? "host" : "petitioner", null));
        }
        return prepare(c, null, t0, timeline, List.of());
    }

    /** A finished reception of the case (of the booking, if given) with the timeline and tracks given. */
    private Recording prepare(CaseFile c, Long bookingId, Instant t0, List<Manifest.TimelineEntry> timeline,
                              List<RecordingCatalog.Track> otherTracks) throws Exception {
        long office = c.officeId();
        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "review-it-" + UUID.randomUUID(), bookingId, null, c.id(), office, "review-it", t0));
        catalog.markRecording(r.id(), t0);
        catalog.addTrack(new RecordingCatalog.Track(r.id(), "s0-petitioner", "petitioner", "信访人", "petitioner", 0,
                t0.plusSeconds(12), t0.plusSeconds(15), 1));
        for (RecordingCatalog.Track t : otherTracks) {
            catalog.addTrack(new RecordingCatalog.Track(r.id(), t.trackId(), t.participantId(), t.displayName(),
                    t.role(), t.series(), t.startedAt(), t.endedAt(), t.segmentCount()));
        }
        for (Manifest.TimelineEntry e : timeline) {
            catalog.addEvent(r.id(), e);
        }
        catalog.addGap(r.id(), new Manifest.Gap(t0.plusSeconds(25), t0.plusSeconds(30), "MEDIA_LOST"));
        byte[] seg = Files.readAllBytes(mkv);
        String key = Recording.segmentKey(r.id(), "s0-petitioner", 0);
        store.put(key, mkv, "video/x-matroska");
        RecordingCatalog.Segment s = catalog.appendSegment(r.id(), "s0-petitioner", 0, key, seg.length, sha256(seg),
                t0.plusSeconds(12), t0.plusSeconds(15), 3000);
        catalog.markUploaded(r.id(), s.chainIndex(), t0.plusSeconds(16));
        byte[] manifest = ("{\"format\":\"" + Manifest.FORMAT + "\"}").getBytes(StandardCharsets.UTF_8);
        store.put(Manifest.key(r.id()), manifest, "application/json");
        catalog.finish(r.id(), Recording.Status.COMPLETED, t0.plusSeconds(45), Manifest.key(r.id()), sha256(manifest),
                Instant.now().plus(Duration.ofDays(3650)));
        store.put(Recording.composedKey(r.id()), mp4, "video/mp4");
        catalog.composed(r.id(), Recording.ComposedState.DONE, 100, Recording.composedKey(r.id()), Files.size(mp4),
                null);
        return catalog.find(r.id()).orElseThrow();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theReviewerFindsTheCaseAndTheRecordingPlaysWithItsTimeline() throws Exception {
        long province = offices.byCode("510000").id();
        String number = "RV-" + UUID.randomUUID().toString().substring(0, 8);
        CaseFile c = cases.create(Actor.system(province), new NewCase(number, "李审查", IdNumbers.valid("510104", 4242),
                "13800004242", "拆迁安置", "住房城建", "510104"));
        Recording r = prepare(c);

        var driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class); // the page re-renders what it shows
        new BookingPage(driver, "http://localhost:" + port).logIn("sc.reviewer", PASSWORD);
        driver.get("http://localhost:" + port + "/review/");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(driver.findElement(By.id("search-title")).getText()).isEqualTo("查找录像");

        driver.findElement(By.id("case-q")).sendKeys(number);
        driver.findElement(By.id("case-search")).click();
        WebElement caseButton = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid=case-result][data-case-id='" + c.id() + "']")));
        caseButton.click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "']")));
        assertThat(row.findElement(By.cssSelector("[data-testid=recording-status]")).getText()).isEqualTo("已完成");
        assertThat(row.findElement(By.cssSelector("[data-testid=recording-composed]")).getText()).isEqualTo("已合成");
        row.findElement(By.cssSelector("[data-testid=recording-open]")).click();

        // the composed MP4 plays through the range endpoint
        WebElement video = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("composed-video")));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("arguments[0].muted = true; arguments[0].play();", video);
        wait.until(d -> {
            Object t = js.executeScript("return arguments[0].currentTime;", video);
            return t instanceof Number n && n.doubleValue() > 0.5;
        });
        assertThat(((Number) js.executeScript("return arguments[0].videoWidth;", video)).intValue()).isEqualTo(320);
        assertThat(js.executeScript("return arguments[0].error;", video)).isNull();

        // the timeline with its times, the gap in red
        List<WebElement> entries = driver.findElements(By.cssSelector("[data-testid=timeline-entry]"));
        assertThat(entries).hasSize(7);
        assertThat(entries.get(0).getText()).contains("信访人签到");
        assertThat(entries.get(1).getText()).contains("录音录像").matches("(?s)\\d{2}:\\d{2}:\\d{2}.*");
        WebElement gap = driver.findElement(By.cssSelector("[data-testid=timeline-gap]"));
        assertThat(gap.getText()).contains("媒体服务器中断");
        assertThat(gap.getCssValue("color")).as("the error red of lianxin.css")
                .isIn("rgba(180, 35, 24, 1)", "rgb(180, 35, 24)");

        // the per-track segment (Matroska VP8/Opus) plays in the same kind of element
        driver.findElement(By.cssSelector("[data-testid=segment-play]")).click();
        WebElement segment = driver.findElement(By.id("segment-video"));
        js.executeScript("arguments[0].muted = true; arguments[0].play();", segment);
        wait.until(d -> {
            Object t = js.executeScript("return arguments[0].currentTime;", segment);
            return t instanceof Number n && n.doubleValue() > 0.3;
        });
        assertThat(((Number) js.executeScript("return arguments[0].videoWidth;", segment)).intValue()).isEqualTo(320);

        // verify hint, legal hold by the reviewer
        assertThat(driver.findElement(By.id("verify")).getText()).contains("./lianxin verify-recording " + r.id())
                .contains(r.manifestSha256());
        // verification on the server, from the page (this fixture's manifest is a stub: one problem)
        driver.findElement(By.cssSelector("[data-testid=verify-run]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=verify-result]")).getText().contains("发现 1 个问题"));
        assertThat(driver.findElement(By.cssSelector("[data-testid=verify-result]")).getText())
                .contains("MANIFEST_UNREADABLE");
        driver.findElement(By.id("hold-reason")).sendKeys("行政诉讼");
        driver.findElement(By.cssSelector("[data-testid=hold-set]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=hold-state]")).getText().contains("行政诉讼"));
        assertThat(catalog.find(r.id()).orElseThrow().legalHold()).isTrue();

        // English
        driver.findElement(By.id("lang-switch")).click();
        wait.until(d -> d.findElement(By.id("detail-title")).getText().startsWith("Recording #" + r.id()));
        assertThat(driver.findElement(By.cssSelector("[data-testid=timeline-entry]")).getText())
                .contains("petitioner checked in");
        Object stillPlaying = js.executeScript("return document.getElementById('composed-video') === arguments[0];",
                video);
        assertThat(stillPlaying).as("the language switch keeps the video element").isEqualTo(true);

        // every access is in the audit, by the reviewer
        List<RecordingCatalog.Access> rows = catalog.accesses(r.id());
        assertThat(rows).extracting(RecordingCatalog.Access::action)
                .contains("VIEW", "PLAY_COMPOSED", "PLAY_SEGMENT", "VERIFY", "HOLD");
        assertThat(rows).extracting(RecordingCatalog.Access::username).containsOnly("sc.reviewer");
    }

    /**
     * Issue 9: every state of the review page reads in one language at a time, as sentences with names — the
     * timeline, the reception and the petitioner's rating, the verification, the legal hold and the access log —
     * with no key, code or word of the other language shown and no serious accessibility fault; opening a recording
     * writes no "played" entry before anyone presses play, and a viewing is one entry however the player fetches.
     */
    @Test
    void everyStateReadsAsSentencesWithNamesInChineseAndInEnglish() throws Exception {
        long province = offices.byCode("510000").id();
        long jinjiang = offices.byCode("510104").id();
        Actor system = Actor.system(province);
        String number = "RT-" + UUID.randomUUID().toString().substring(0, 8);
        CaseFile c = cases.create(system, new NewCase(number, "王明远", IdNumbers.valid("510104", 4343),
                "13800004343", "拆迁安置补偿", "住房城建", "510104"));
        long leader = users.find("jinjiang.leader").orElseThrow().officialId();
        String leaderName = officials.get(leader).name();
        Terminal terminal = terminals.list(system, jinjiang).get(0);
        FreeSlot slot = availability.freeSlots(system, leader, LocalDate.now(ZoneId.of("Asia/Shanghai")),
                LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(14), terminal.id()).get(0);
        Booking b = bookings.book(system, new NewBooking(leader, terminal.id(), c.id(), slot.start(), List.of()));
        String comment = "工作人员耐心细致，问题讲清楚了";
        jdbc.sql("update booking set state = 'COMPLETED', satisfaction_score = 4, satisfaction_comment = ? where id = ?")
                .params(comment, b.id()).update();
        String host = "official-" + leader;
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        Object[][] events = {
                {0, "CHECKED_IN", null, null, "by jinjiang.scheduler"},
                {5, "RECORDING_NOTICE", null, null, "shown at the terminal, by jinjiang.scheduler"},
                {8, "JOINED", host, "HOST", null},
                {9, "JOINED", "petitioner", "PETITIONER", "waiting in the lobby"},
                {12, "ADMITTED", "petitioner", "PETITIONER", null},
                {12, "RECORDING_STARTED", null, null, null},
                {13, "PUBLISHING", host, "HOST", null},
                {13, "PUBLISHING", "petitioner", "PETITIONER", null},
                {20, "MUTED", "petitioner", "PETITIONER", "audio by " + host},
                {22, "UNMUTED", "petitioner", "PETITIONER", "audio by petitioner"},
                {38, "STOPPED_PUBLISHING", "petitioner", "PETITIONER", null},
                {40, "LEFT", "petitioner", "PETITIONER", "LEFT"},
                {45, "ENDED", null, null, "HOST"},
                {45, "RECORDING_ENDED", null, null, "COMPLETED"}};
        List<Manifest.TimelineEntry> timeline = new java.util.ArrayList<>();
        for (Object[] e : events) {
            timeline.add(new Manifest.TimelineEntry(t0.plusSeconds((Integer) e[0]), (String) e[1], (String) e[2],
                    (String) e[3], (String) e[4]));
        }
        Recording r = prepare(c, b.id(), t0, timeline, List.of(new RecordingCatalog.Track(0, "s0-host", host,
                leaderName, "HOST", 0, t0.plusSeconds(13), t0.plusSeconds(45), 0)));
        List<String> names = List.of("王明远", leaderName, "省信访局督查员", "锦江区信访局接访员", number,
                terminal.name(), "拆迁安置补偿");

        var driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        new BookingPage(driver, "http://localhost:" + port).logIn("sc.reviewer", PASSWORD);
        driver.get("http://localhost:" + port + "/review/");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        PageAudit zh = PageAudit.of(driver, "zh").allowing(names);
        List<String> findings = new java.util.ArrayList<>(zh.findings("review: search"));

        driver.findElement(By.id("case-q")).sendKeys(number);
        driver.findElement(By.id("case-search")).click();
        WebElement caseButton = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid=case-result][data-case-id='" + c.id() + "']")));
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("找到 1 个案件，请选择：");
        findings.addAll(zh.findings("review: case found"));
        caseButton.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "']")));
        findings.addAll(zh.findings("review: recording list"));
        driver.findElement(By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "'] "
                + "[data-testid=recording-open]")).click();
        WebElement video = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("composed-video")));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=timeline-entry]")).size() == events.length);

        // opened, not played: nothing fetched, nothing but the opening in the audit
        assertThat(video.getDomAttribute("preload")).isEqualTo("none");
        assertThat(((Number) js.executeScript("return arguments[0].readyState;", video)).intValue()).isZero();
        assertThat(catalog.accesses(r.id())).extracting(RecordingCatalog.Access::action).containsExactly("VIEW");

        // the timeline in sentences with names; the reception and the petitioner's rating
        String text = driver.findElement(By.id("timeline")).getText();
        assertThat(text).contains("锦江区信访局接访员为信访人办理了签到", leaderName + "以主持人身份进入接访",
                "王明远进入等候区", "王明远获准进入接访", leaderName + "关闭了王明远的麦克风", "王明远打开了自己的麦克风",
                "王明远离开了接访", "主持人结束了接访", "录制完成")
                .doesNotContain("PUBLISHING", "HOST", "official-", "by ", "lobby");
        assertThat(driver.findElement(By.cssSelector("[data-testid=fact-rating]")).getText()).isEqualTo("满意");
        assertThat(driver.findElement(By.cssSelector("[data-testid=fact-comment]")).getText()).isEqualTo(comment);
        assertThat(driver.findElement(By.cssSelector("[data-testid=fact-petitioner]")).getText()).isEqualTo("王明远");
        findings.addAll(zh.findings("review: recording detail with timeline"));

        // played: one viewing, however many range requests (a seek is one more)
        js.executeScript("arguments[0].muted = true; arguments[0].play();", video);
        wait.until(d -> ((Number) js.executeScript("return arguments[0].currentTime;", video)).doubleValue() > 0.3);
        js.executeScript("arguments[0].currentTime = 2.5;", video);
        wait.until(d -> ((Number) js.executeScript("return arguments[0].currentTime;", video)).doubleValue() >= 2.5);
        findings.addAll(zh.findings("review: composed video playing"));
        assertThat(catalog.accesses(r.id())).extracting(RecordingCatalog.Access::action)
                .containsExactly("VIEW", "PLAY_COMPOSED");

        driver.findElement(By.cssSelector("[data-testid=verify-run]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=verify-result]")).getText().contains("发现"));
        findings.addAll(zh.findings("review: verification"));
        driver.findElement(By.id("hold-reason")).sendKeys("行政复议");
        driver.findElement(By.cssSelector("[data-testid=hold-set]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=hold-state]")).getText().contains("行政复议"));
        assertThat(driver.findElement(By.cssSelector("[data-testid=hold-state]")).getText()).contains("省信访局督查员");
        findings.addAll(zh.findings("review: legal hold"));
        // a segment's download link: a download, logged as one
        String download = driver.findElement(By.cssSelector("[data-testid=segment-download]")).getDomAttribute("href");
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(() => done(), () => done());", download);
        driver.findElement(By.cssSelector("[data-testid=accesses-load]")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=access-row]")).size() == 5);
        List<String> rows = driver.findElements(By.cssSelector("[data-testid=access-row]")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).allSatisfy(row -> assertThat(row).contains("省信访局督查员").doesNotContain("review."));
        assertThat(rows.get(0)).contains("省信访局督查员下载了王明远分轨的第 1 段");
        assertThat(rows.get(1)).contains("设为法律保留");
        assertThat(rows.get(2)).contains("核验了录像");
        assertThat(rows.get(3)).contains("观看了合成录像");
        assertThat(rows.get(4)).contains("打开了录像信息");
        findings.addAll(zh.findings("review: access log"));

        // English: the same states, one language
        driver.findElement(By.id("lang-switch")).click();
        wait.until(d -> d.findElement(By.id("detail-title")).getText().startsWith("Recording #" + r.id()));
        PageAudit en = PageAudit.of(driver, "en").allowing(names);
        assertThat(driver.findElement(By.id("timeline")).getText()).contains(
                "锦江区信访局接访员 checked the petitioner in", leaderName + " joined as the host",
                "王明远 is waiting in the lobby", leaderName + " turned off the microphone of 王明远",
                "The host ended the session");
        assertThat(driver.findElement(By.cssSelector("[data-testid=fact-rating]")).getText()).isEqualTo("Satisfied");
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("1 case found; choose it:");
        assertThat(driver.findElement(By.cssSelector("[data-testid=verify-result]")).getText())
                .contains("1 problem found");
        assertThat(driver.findElements(By.cssSelector("[data-testid=access-row]")).get(1).getText())
                .contains("put the recording on legal hold");
        findings.addAll(en.findings("review: recording detail, verification, legal hold and access log"));
        driver.findElement(By.id("detail-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
        findings.addAll(en.findings("review: case found and recording list"));
        driver.findElement(By.cssSelector("[data-testid=recording-row][data-id='" + r.id() + "'] "
                + "[data-testid=recording-open]")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=timeline-entry]")).size() == events.length);
        findings.addAll(en.findings("review: recording detail opened in English"));
        assertThat(findings).isEmpty();
    }
}
