package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 from reception to resolution through the real pages, our signaling and a real Janus (in a network
 * namespace, {@link JanusTestHost}): during a real reception the leader writes the instructions on the console,
 * marks the moment and assigns two units (锦江区 and 锦江区住房和城乡建设局); the leader ends; the kiosk tells the petitioner in
 * plain words which unit handles the matter and by when; the county's staff sign for their item in the unit inbox,
 * upload a PDF (to /api/documents: listed with its name and size) and reply with it attached; the province's
 * reviewer sees the attachment and accepts the reply in the workplace; at a later
 * visit the petitioner, after the identity check, evaluates the handling 基本满意 at the kiosk; the case page
 * shows the trail — the reception with its recording, the instruction with a jump to its moment, the items, the
 * evaluation with who recorded it — and the
 * jump opens the review page's composed video at that second.
 */
class SupervisionFlowIT extends LiveApp {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Autowired
    RecordingCatalog catalog;

    @DynamicPropertySource
    static void recorderAddress(DynamicPropertyRegistry r) {
        // Janus forwards the tracks to the recorder from its namespace: to this host's address there
        r.add("lianxin.recording.rtp-host", () -> janus.hostAddress());
    }

    @Test
    void aReceptionsInstructionsAreHandledRepliedAcceptedAndTracedBackToTheirMomentInTheRecording() throws Exception {
        LiveFixture f = LiveFixture.createForDemoLeader(baseUrl(), PASSWORD, "jinjiang.leader");
        LiveFixture.Api leaderApi = new LiveFixture.Api(baseUrl(), "jinjiang.leader", PASSWORD);
        long county = officeId(leaderApi, "510104");
        long countyHousing = officeId(leaderApi, "510104-ZJ");
        Path pdf = dataDir.resolve("答复意见.pdf");
        Files.write(pdf, ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII));
        try (ChromiumBrowser leaderBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser kioskBrowser = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            Page leader = new Page(leaderBrowser);
            Page kiosk = new Page(kioskBrowser);
            try {
                // a real reception: the leader hosts, the petitioner joins from the kiosk and is admitted
                LivePage.receive(leader, kiosk, f, baseUrl(), PASSWORD, "jinjiang.leader");
                leader.wait.until(d -> LiveFixture.state(baseUrl(), PASSWORD, f.bookingId()).equals("IN_SESSION"));

                // the leader's instructions, during the reception: the text, the moment, two units
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("instr-form")));
                leader.type("instr-text", "请锦江区信访局牵头，区住建局配合，核实欠薪情况并答复信访人");
                leader.click("instr-mark");
                Instant marked = Instant.now();
                leader.wait.until(d -> leader.text("instr-moment").contains("已记下"));
                leader.click("instr-add");
                leader.click("instr-add");
                List<WebElement> units = leaderBrowser.driver().findElements(By.cssSelector("[data-testid=instr-unit]"));
                new Select(units.get(0)).selectByValue(String.valueOf(county));
                new Select(units.get(1)).selectByValue(String.valueOf(countyHousing));
                assertThat(leaderBrowser.driver().findElements(By.cssSelector("[data-testid=instr-deadline]")))
                        .as("deadlines prefilled: 60 days from the case's acceptance")
                        .allSatisfy(d -> assertThat(d.getDomProperty("value")).matches("\\d{4}-\\d{2}-\\d{2}"));
                leader.click("instr-submit");
                leader.wait.until(d -> d.findElements(By.cssSelector("[data-testid=instruction-item]")).size() == 2);
                assertThat(leader.text("instr-info")).isEqualTo("处理意见已提交，已交办 2 个单位。");
                assertThat(leader.text("instr-list")).contains("锦江区住房和城乡建设局");
                LivePage.auditBothLanguages(leader, "console: instructions given",
                        List.of(f.leaderName(), "锦江区", "成都市", "四川省", "jinjiang.leader", "JB-"));

                // the leader ends once the recording holds a segment (10 s); the kiosk says what happens next and by when
                leader.wait.until(d -> catalog.ofBooking(f.bookingId()).stream().anyMatch(r -> r.segmentCount() >= 1));
                leader.click("end");
                leader.wait.until(d -> leader.text("conn-status").equals("接访已结束"));
                kiosk.waitForPanel("evaluate");
                kiosk.wait.until(d -> d.findElements(By.cssSelector("[data-testid=next-step]")).size() == 2);
                assertThat(kiosk.text("next-steps")).contains("您反映的问题已交由 锦江区 办理，将于 ")
                        .contains("前答复您").contains("锦江区住房和城乡建设局").doesNotContain("null")
                        .matches("(?s).*\\d{4}年\\d{1,2}月\\d{1,2}日.*");
                kiosk.screenshot("supervision-kiosk-next-steps.png");
                LivePage.auditBothLanguages(kiosk, "kiosk: what happens next", List.of());

                // the county's staff (the kiosk's user) handle their item: sign, reply with a PDF
                kioskBrowser.driver().get(baseUrl() + "/supervision/inbox/");
                kiosk.waitUntilReady();
                By mine = By.cssSelector("[data-testid=item-row]");
                kiosk.wait.until(ExpectedConditions.visibilityOfElementLocated(mine));
                assertThat(kioskBrowser.driver().findElements(mine)).as("only the county office's own item").hasSize(1);
                kioskBrowser.driver().findElement(mine).findElement(By.cssSelector("[data-testid=item-open]")).click();
                kiosk.clickIn(By.id("detail-body"), "act-sign");
                kiosk.wait.until(d -> "IN_PROGRESS".equals(itemState(kiosk)));
                long itemId = Long.parseLong(kioskBrowser.driver().findElement(
                        By.cssSelector("#detail-body [data-testid=item-view]")).getDomAttribute("data-id"));
                kioskBrowser.driver().findElement(By.cssSelector("[data-testid=reply-text-input]"))
                        .sendKeys("经核实，用人单位已于本月补发工资。");
                kioskBrowser.driver().findElement(By.cssSelector("[data-testid=reply-report-input]"))
                        .sendKeys("已补发拖欠工资共计 3 个月，信访人确认收到。");
                // the PDF is uploaded as soon as it is chosen (its name and size listed) and goes with the reply
                kioskBrowser.driver().findElement(By.cssSelector("[data-testid=reply-files]")).sendKeys(pdf.toString());
                kiosk.wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-file]")).getDomAttribute(
                        "data-document-id") != null);
                assertThat(kiosk.text("detail-body")).contains("答复意见.pdf").contains("已上传");
                kiosk.clickIn(By.id("detail-body"), "act-reply");
                kiosk.wait.until(d -> "REPLIED".equals(itemState(kiosk)));
                assertThat(kiosk.text("detail-body")).contains("经核实，用人单位已于本月补发工资。").contains("答复意见.pdf");

                // the province's reviewer accepts the reply in the workplace
                new BookingPage(leaderBrowser.driver(), baseUrl()).logOut();
                new BookingPage(leaderBrowser.driver(), baseUrl()).logIn("sc.reviewer", PASSWORD);
                leaderBrowser.driver().get(baseUrl() + "/supervision/?item=" + itemId);
                leader.waitUntilReady();
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=act-accept]")));
                assertThat(leader.text("detail-body")).as("the reviewer sees the reply's attachment")
                        .contains("答复意见.pdf");
                leader.clickIn(By.id("detail-body"), "act-accept");
                leader.wait.until(d -> "COMPLETED".equals(itemState(leader)));

                // a later visit: after the identity check the kiosk asks how the matter was handled; 基本满意
                String code = bookAgain(f);
                kioskBrowser.driver().get(baseUrl() + "/terminal/index.html");
                kiosk.waitUntilReady();
                kiosk.type("code", code);
                kiosk.waitForPanel("identity");
                kiosk.type("id-number", f.idNumber());
                kiosk.waitForPanel("result");
                assertThat(kiosk.text("result-replies")).contains("经核实，用人单位已于本月补发工资。");
                LivePage.auditBothLanguages(kiosk, "kiosk: evaluation of the handling result", List.of());
                kiosk.clickIn(By.id("result-choices"), "result-BASICALLY_SATISFIED");
                kiosk.wait.until(d -> kiosk.text("result-done").contains("谢谢您的评价"));
                kiosk.screenshot("supervision-kiosk-result.png");
                kiosk.click("result-next");
                kiosk.waitForPanel("devices");

                // the case page: the reception with its recording, the instruction with its moment, the items
                long caseId = leaderApi.call("GET", "/api/v1/bookings/" + f.bookingId(), null).path("caseId").asLong();
                leaderBrowser.driver().get(baseUrl() + "/cases/?id=" + caseId);
                leader.waitUntilReady();
                By jump = By.cssSelector("[data-testid=instruction-jump]");
                leader.wait.until(ExpectedConditions.visibilityOfElementLocated(jump));
                assertThat(leaderBrowser.driver().findElements(By.cssSelector("[data-testid=recording-link]"))).isNotEmpty();
                assertThat(leaderBrowser.driver().findElements(By.cssSelector("[data-testid=trail-item]"))).hasSize(2);
                Recording recording = catalog.ofBooking(f.bookingId()).get(0);
                long expected = Duration.between(recording.startedAt(), marked).toSeconds();
                long seconds = Long.parseLong(leaderBrowser.driver().findElement(jump).getDomAttribute("data-seconds"));
                assertThat(seconds).as("the instruction's moment in the recording").isBetween(expected - 3, expected + 1);
                By evaluation = By.cssSelector("[data-testid=evaluation][data-result=BASICALLY_SATISFIED][data-channel=KIOSK]");
                assertThat(leaderBrowser.driver().findElement(evaluation).getText()).contains("基本满意")
                        .contains("jinjiang.scheduler");
                leader.screenshot("supervision-case-trail.png");
                LivePage.auditBothLanguages(leader, "case page: the trail", List.of());

                // the jump opens the review page's composed video at that second
                leader.wait.until(d -> catalog.find(recording.id()).orElseThrow().composedState()
                        == Recording.ComposedState.DONE);
                leaderBrowser.driver().findElement(jump).click();
                leader.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("composed-video")));
                leader.wait.until(d -> leader.number("document.getElementById('composed-video').readyState") >= 1);
                double at = leader.number("document.getElementById('composed-video').currentTime");
                assertThat(at).as("the video stands at the instruction's moment").isBetween(seconds - 1.5, seconds + 1.5);
            } catch (RuntimeException | AssertionError e) {
                kiosk.screenshotQuietly("failure-supervision-kiosk.png", e);
                leader.screenshotQuietly("failure-supervision-leader.png", e);
                throw e;
            }
        }
    }

    /** A second booking of the case (the petitioner's later visit), in the next free slot; its code. */
    private String bookAgain(LiveFixture f) {
        LiveFixture.Api county = new LiveFixture.Api(baseUrl(), "jinjiang.scheduler", PASSWORD);
        JsonNode first = county.call("GET", "/api/v1/bookings/" + f.bookingId(), null);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode slots = county.call("GET", "/api/v1/officials/" + first.path("officialId").asLong() + "/free-slots?from="
                + today + "&to=" + today.plusDays(1) + "&terminalId=" + first.path("terminalId").asLong(), null);
        for (JsonNode slot : slots) {
            Map<String, Object> booking = Map.of("officialId", first.path("officialId").asLong(), "terminalId",
                    first.path("terminalId").asLong(), "caseId", first.path("caseId").asLong(), "start",
                    slot.path("start").asString());
            LiveFixture.Reply r = county.send("POST", "/api/v1/bookings", booking);
            // a slot starting this very moment may have begun between the search and the booking
            if (r.status() == 422 && r.json().path("rule").asString().equals("in-past")) continue;
            assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
            return r.json().path("code").asString();
        }
        throw new AssertionError("no free slot for the petitioner's second visit");
    }

    private static String itemState(Page page) {
        return page.browser.driver().findElement(By.cssSelector("#detail-body [data-testid=item-view]"))
                .getDomAttribute("data-state");
    }

    private static long officeId(LiveFixture.Api api, String code) {
        for (var o : api.call("GET", "/api/v1/offices", null)) {
            if (o.path("code").asString().equals(code)) return o.path("id").asLong();
        }
        throw new AssertionError("no office " + code + " in the demo offices");
    }

    /** One browser's page: the shared steps of LivePage. */
    private static final class Page extends LivePage {
        Page(ChromiumBrowser browser) {
            super(browser, TIMEOUT);
        }
    }
}
