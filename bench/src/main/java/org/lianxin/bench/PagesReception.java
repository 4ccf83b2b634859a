package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.testing.JanusTestHost;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * One live reception in a {@link Topology} through the product's own pages, both headless Chromiums in the topology's
 * county ({@link TopologyCounty}: only HAProxy's 443 and coturn's 443 reachable), every request through HAProxy: the
 * demo leader logs in at the login page and opens the booking's session in the console ({@code /console/}); the county
 * staff log in at the kiosk ({@code /terminal/}), enter the booking's code, check the petitioner's identity with the
 * case's ID number, pass the camera self-test and the recording notice (the page's own REST call, which HAProxy sends
 * to either node) and join; the kiosk publishes from the lobby as the page does; the leader admits with the console's
 * admit button and ends with its end button. Only the booking itself is made through the REST API
 * ({@link ReceptionFixture}).
 *
 * <p>What is measured is read from the pages' own live session ({@code window.__lianxinLive}, the object the pages
 * expose for tests) by a small observer put into each page ({@link PageObserver}): when its `joined` events came
 * (resumed or not), and when its receiving connection's decoded video frames grew (getStats, every 20 ms).
 */
final class PagesReception implements LiveReception {
    /** The live session of both pages, as a JS expression. */
    private static final String LIVE = "window.__lianxinLive";

    private final Topology topology;
    private final ReceptionFixture fixture;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final PageObserver host;
    private final PageObserver kiosk;
    private final String roomId;

    PagesReception(Topology topology) throws Exception {
        this.topology = topology;
        String app = topology.appUrl(Topology.APPS.stream().filter(topology::running).findFirst().orElseThrow());
        fixture = ReceptionFixture.create(app, topology.password(), "jinjiang.leader", "jinjiang.scheduler");
        roomId = "booking-" + fixture.bookingId(); // the app's room of a booking (web's RoomSubject)
        String front = topology.publicUrl();
        try {
            TopologyCounty.Browser console = topology.county().browser();
            closing.add(0, console);
            TopologyCounty.Browser terminal = topology.county().browser();
            closing.add(0, terminal);
            host = new PageObserver("console", console);
            kiosk = new PageObserver("kiosk", terminal);

            // the leader opens the session in the console and hosts
            logIn(console, front, "jinjiang.leader");
            console.driver().get(front + "/console/index.html");
            ready(console);
            By row = By.cssSelector("[data-testid=session-row][data-code='" + fixture.code() + "']");
            Topology.await("the booking's row in the console", 60, () -> clicked(console, row, "open-session"));
            console.js("window.confirm = () => true");
            Topology.await("the console hosts the room", 90, () -> "inSession".equals(host.status()));
            host.observe();

            // the county staff at the kiosk: code, identity, self-test, notice, join
            logIn(terminal, front, "jinjiang.scheduler");
            terminal.driver().get(front + "/terminal/index.html");
            ready(terminal);
            type(terminal, "code", fixture.code());
            step(terminal, "identity");
            type(terminal, "id-number", fixture.idNumber());
            step(terminal, "devices");
            click(terminal, "devices-next");
            step(terminal, "notice");
            click(terminal, "notice-ack");
            click(terminal, "join");
            step(terminal, "live");
            Topology.await("the kiosk waits in the lobby", 90, () -> "lobby".equals(kiosk.status()));
            kiosk.observe();

            By waiting = By.cssSelector("[data-testid=waiting]");
            Topology.await("the petitioner in the console's lobby, admitted", 90,
                    () -> clicked(console, waiting, "admit"));
            Topology.await("the kiosk in session", 90, () -> "inSession".equals(kiosk.status()));
            try {
                Topology.await("both decode the other's video", 90, this::flowing);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; " + pages(), e);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void logIn(TopologyCounty.Browser b, String front, String user) throws InterruptedException {
        b.driver().get(front + "/login");
        Topology.await("the login page", 60, () -> !b.driver().findElements(By.id("username")).isEmpty());
        WebElement name = b.driver().findElement(By.id("username"));
        name.clear();
        name.sendKeys(user);
        b.driver().findElement(By.id("password")).sendKeys(topology.password());
        b.driver().findElement(By.id("login-submit")).click();
        Topology.await(user + " logged in", 60, () -> !b.driver().getCurrentUrl().contains("/login"));
    }

    private static void ready(TopologyCounty.Browser b) throws InterruptedException {
        Topology.await("the page ready", 60, () -> "true".equals(b.js(
                "return document.body && document.body.getAttribute('data-ready')")));
    }

    private static void step(TopologyCounty.Browser b, String step) throws InterruptedException {
        Topology.await("the kiosk's step " + step, 60, () -> step.equals(b.js(
                "return document.body.getAttribute('data-step')")));
    }

    private static void click(TopologyCounty.Browser b, String id) throws InterruptedException {
        Topology.await("#" + id + " clicked", 60, () -> {
            try {
                WebElement e = b.driver().findElement(By.id(id));
                if (!e.isDisplayed() || !e.isEnabled()) {
                    return false;
                }
                e.click();
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                return false;
            }
        });
    }

    private static void type(TopologyCounty.Browser b, String id, String value) throws InterruptedException {
        click(b, id);
        WebElement box = b.driver().findElement(By.id(id));
        box.clear();
        box.sendKeys(value, org.openqa.selenium.Keys.ENTER);
    }

    /** Clicks the button {@code testId} within the element {@code within}, once both are there. */
    private static boolean clicked(TopologyCounty.Browser b, By within, String testId) {
        try {
            List<WebElement> outer = b.driver().findElements(within);
            if (outer.isEmpty()) {
                return false;
            }
            List<WebElement> button = outer.get(0).findElements(By.cssSelector("[data-testid=" + testId + "]"));
            if (button.isEmpty() || !button.get(0).isDisplayed()) {
                return false;
            }
            button.get(0).click();
            return true;
        } catch (StaleElementReferenceException | org.openqa.selenium.ElementNotInteractableException e) {
            return false;
        }
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public String noticeShownAt() {
        return "either node (the kiosk's own call through HAProxy)";
    }

    @Override
    public long bookingId() {
        return fixture.bookingId();
    }

    @Override
    public String owner() {
        return topology.owner(roomId);
    }

    @Override
    public JanusTestHost janusNode() {
        String sdp = String.valueOf(host.js("const p = " + LIVE + ".pub; return p && p.remoteDescription"
                + " ? p.remoteDescription.sdp : ''"));
        for (var j : List.of(topology.janus1(), topology.janus2())) {
            if (sdp.contains(" " + j.janusAddress() + " ")) {
                return j;
            }
        }
        throw new IllegalStateException("the console's publisher is on no Janus of the topology: " + sdp);
    }

    @Override
    public boolean flowing() {
        return host.recent() && kiosk.recent();
    }

    @Override
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (String conn : List.of("pub", "sub")) {
            routes.add("host " + conn + " " + host.browser().route(LIVE + "." + conn));
            routes.add("petitioner " + conn + " " + kiosk.browser().route(LIVE + "." + conn));
        }
        return routes;
    }

    @Override
    public boolean rejoinedAfter(long t) {
        return host.firstJoinAfter(t) > 0 && kiosk.firstJoinAfter(t) > 0;
    }

    @Override
    public boolean resumedAfter(long t) {
        return host.resumedAfter(t) && kiosk.resumedAfter(t);
    }

    @Override
    public long signalingBackMs(long t) {
        return Math.max(host.firstJoinAfter(t), kiosk.firstJoinAfter(t)) - t;
    }

    @Override
    public long longestGapMs(long from, long to) {
        return Math.max(host.longestGap(from, to).get(0), kiosk.longestGap(from, to).get(0));
    }

    @Override
    public String longestGapWhere(long from, long to) {
        String best = "none";
        long longest = -1;
        for (PageObserver p : List.of(host, kiosk)) {
            List<Long> g = p.longestGap(from, to);
            if (g.get(0) > longest) {
                longest = g.get(0);
                best = p.name() + " " + g.get(0) + " ms from +" + g.get(1) + " ms";
            }
        }
        return best;
    }

    @Override
    public boolean framesAfter(long t) {
        return host.firstFrameAfter(t) > 0 && kiosk.firstFrameAfter(t) > 0;
    }

    /** The leader ends the reception with the console's end button (its confirmation answered yes). */
    @Override
    public void end() {
        host.js("window.confirm = () => true; document.getElementById('end').click()");
    }

    @Override
    public String state() {
        String node = Topology.APPS.stream().filter(topology::running).findFirst().orElseThrow();
        return fixture.state(topology.appUrl(node));
    }

    @Override
    public Map.Entry<Integer, String> tryJoin() {
        String node = owner() != null ? owner() : "app1";
        return fixture.tryJoinToken(topology.appUrl(node), "jinjiang.leader");
    }

    @Override
    public String pages() {
        return host.describe() + "; " + kiosk.describe();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("reception cleanup: " + e);
            }
        }
        closing.clear();
    }
}
