package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.testing.IdNumbers;
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
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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
        long office = c.officeId();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        Recording r = catalog.create(new RecordingCatalog.NewRecording(Recording.Kind.RECEPTION,
                "review-it-" + UUID.randomUUID(), null, null, c.id(), office, "review-it", t0));
        catalog.markRecording(r.id(), t0);
        catalog.addTrack(new RecordingCatalog.Track(r.id(), "s0-petitioner", "petitioner", "信访人", "petitioner", 0,
                t0.plusSeconds(12), t0.plusSeconds(15), 1));
        String[][] events = {{"0", "CHECKED_IN", "petitioner"}, {"5", "RECORDING_NOTICE", "petitioner"},
                {"10", "JOINED", "official-1"}, {"12", "ADMITTED", "petitioner"}, {"20", "MUTED", "petitioner"},
                {"40", "LEFT", "petitioner"}, {"45", "ENDED", null}};
        for (String[] e : events) {
            catalog.addEvent(r.id(), new Manifest.TimelineEntry(t0.plusSeconds(Long.parseLong(e[0])), e[1], e[2],
                    e[2] == null ? null : e[2].startsWith("official") ? "host" : "petitioner", null));
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
        assertThat(entries.get(1).getText()).contains("已告知录音录像").matches("(?s)\\d{2}:\\d{2}:\\d{2}.*");
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
                .contains("Petitioner checked in");
        Object stillPlaying = js.executeScript("return document.getElementById('composed-video') === arguments[0];",
                video);
        assertThat(stillPlaying).as("the language switch keeps the video element").isEqualTo(true);

        // every access is in the audit, by the reviewer
        List<RecordingCatalog.Access> rows = catalog.accesses(r.id());
        assertThat(rows).extracting(RecordingCatalog.Access::action)
                .contains("VIEW", "PLAY_COMPOSED", "PLAY_SEGMENT", "VERIFY", "HOLD");
        assertThat(rows).extracting(RecordingCatalog.Access::username).containsOnly("sc.reviewer");
    }
}
