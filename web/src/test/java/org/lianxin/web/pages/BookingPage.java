package org.lianxin.web.pages;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The login page and the booking page (/booking/) as a person uses them: by labels, buttons and what is shown.
 * Waits are explicit (WebDriverWait on what a person would wait for), never sleeps.
 */
public final class BookingPage {
    private static final Duration TIMEOUT = Duration.ofSeconds(60); // generous: 2 cores, other browsers running

    private final WebDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    public BookingPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, TIMEOUT);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    // ---------------------------------------------------------------- login

    /** Opens /login and submits the form; does not wait for the outcome. */
    public void submitLogin(String username, String password) {
        driver.get(baseUrl + "/login");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    /** Logs in and waits for the start page: booking for staff, console for leaders and officials, review for reviewers. */
    public void logIn(String username, String password) {
        submitLogin(username, password);
        wait.until(d -> {
            String url = d.getCurrentUrl();
            return url.contains("/booking/") || url.contains("/console/") || url.contains("/review/");
        });
        waitUntilReady();
    }

    /** The login page's error, once shown. */
    public String loginError() {
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        wait.until(d -> !error.getText().isBlank());
        return error.getText();
    }

    // ---------------------------------------------------------------- the page

    public void open() {
        driver.get(baseUrl + "/booking/");
        waitUntilReady();
    }

    private void waitUntilReady() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    /** Presses 退出登录 / Sign out; returns the message the login page shows. */
    public String logOut() {
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(d -> !text("login-info").isBlank());
        return text("login-info");
    }

    public String who() {
        return driver.findElement(By.id("who")).getText();
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public String htmlLang() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    public void switchLanguage() {
        String before = text("lang-switch");
        driver.findElement(By.id("lang-switch")).click();
        wait.until(d -> !text("lang-switch").equals(before));
    }

    /** The numbers of the open (not closed) cases the list shows now, once the first search has come back. */
    public List<String> openCaseNumbersShown() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=case-option]")));
        return driver.findElements(By.cssSelector("[data-testid=case-option]:not([data-status=CLOSED])")).stream()
                .map(e -> e.getAttribute("data-case-number")).toList();
    }

    /** Types {@code query} in the search box, searches, and picks the case numbered {@code caseNumber}. */
    public void findAndPickCase(String query, String caseNumber) {
        WebElement box = driver.findElement(By.id("case-q"));
        box.clear();
        box.sendKeys(query, Keys.ENTER);
        By option = By.cssSelector("[data-testid=case-option][data-case-number='" + caseNumber + "']");
        wait.until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("[data-testid=case-option]"));
            return !shown.isEmpty() && shown.stream().allMatch(e ->
                    e.getText().contains(query)) ? shown : null;
        });
        driver.findElement(option).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-selected"), caseNumber));
    }

    /** Picks the first leader of the given office level (COUNTY, CITY, PROVINCE); returns the option's text. */
    public String chooseLeader(String level) {
        By option = By.cssSelector("#leader option[data-level='" + level + "']");
        WebElement first = wait.until(ExpectedConditions.presenceOfElementLocated(option));
        String value = first.getAttribute("value");
        String label = first.getText();
        new Select(driver.findElement(By.id("leader"))).selectByValue(value);
        return label;
    }

    /** The leaders offered, grouped by office: the optgroup labels, nearest office first. */
    public List<String> leaderGroups() {
        // the leaders of the case's offices are loaded after the case is chosen
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#leader optgroup")));
        return driver.findElements(By.cssSelector("#leader optgroup")).stream()
                .map(e -> e.getAttribute("label")).toList();
    }

    /** Chooses the first active terminal offered; returns its value (terminal id). */
    public String chooseFirstActiveTerminal() {
        WebElement option = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#terminal option[data-status='ACTIVE']")));
        String value = option.getAttribute("value");
        new Select(driver.findElement(By.id("terminal"))).selectByValue(value);
        return value;
    }

    /** Waits for the free slots of the chosen leader at the chosen terminal and returns their start instants. */
    public List<String> freeSlots() {
        String leader = new Select(driver.findElement(By.id("leader"))).getFirstSelectedOption().getAttribute("value");
        String terminal = new Select(driver.findElement(By.id("terminal"))).getFirstSelectedOption()
                .getAttribute("value");
        wait.until(ExpectedConditions.and(
                ExpectedConditions.attributeToBe(By.id("slots"), "data-leader", leader),
                ExpectedConditions.attributeToBe(By.id("slots"), "data-terminal", terminal)));
        return driver.findElements(By.cssSelector("[data-testid=slot]")).stream()
                .map(e -> e.getAttribute("data-start")).toList();
    }

    /** The slot buttons' visible text of one day (e.g. "09:00–09:30"). */
    public List<String> slotLabels() {
        return driver.findElements(By.cssSelector("[data-testid=slot]")).stream().map(WebElement::getText).toList();
    }

    /** Ticks the first department official offered for a joint reception; returns the name shown. */
    public String inviteFirstDepartmentOfficial() {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid=invitee]")));
        box.click();
        wait.until(ExpectedConditions.elementToBeSelected(box));
        String label = driver.findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).getText();
        return label.split(" · ")[0];
    }

    /** Everything the page loaded from another origin (must be nothing: no CDN, no outside fonts). */
    @SuppressWarnings("unchecked")
    public List<String> resourcesFromOtherOrigins() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => !n.startsWith(location.origin + '/'))");
    }

    public void pickSlot(String start) {
        By slot = By.cssSelector("[data-testid=slot][data-start='" + start + "']");
        wait.until(ExpectedConditions.elementToBeClickable(slot)).click();
        wait.until(ExpectedConditions.attributeToBe(slot, "aria-pressed", "true"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("book")));
    }

    public String bookSummary() {
        return text("book-summary");
    }

    /** Presses 预约 / Book and waits for the success message; returns the booking code shown. */
    public String book() {
        driver.findElement(By.id("book")).click();
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=booking-code]")));
        return code.getText();
    }

    /** Presses 预约 / Book expecting a refusal; returns the error shown. */
    public String bookExpectingError() {
        driver.findElement(By.id("book")).click();
        wait.until(d -> !text("book-error").isBlank());
        return text("book-error");
    }

    public String bookResult() {
        return text("book-result");
    }

    // ---------------------------------------------------------------- the office's bookings

    private By row(String code) {
        return By.cssSelector("tr[data-testid=booking-row][data-code='" + code + "']");
    }

    /** The booking's row; one just made shows once the office's list is read again, so this waits for it. */
    private WebElement rowOf(String code) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(row(code)));
    }

    /** A button of the booking's row ({@code action}: reschedule, invite, cancel, history), once it can be clicked. */
    private WebElement rowButton(String code, String action) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-testid=booking-row][data-code='" + code + "'] [data-testid=" + action + "]")));
    }

    /** Waits until the list shows the booking; returns the row's text. */
    public String bookingRow(String code) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(row(code))).getText();
    }

    public String bookingStart(String code) {
        return rowOf(code).getAttribute("data-start");
    }

    public String bookingState(String code) {
        return rowOf(code).findElement(By.cssSelector("[data-testid=booking-state]")).getText();
    }

    public String bookingTime(String code) {
        return rowOf(code).findElement(By.cssSelector("[data-testid=booking-time]")).getText();
    }

    /** Reschedules to the first free slot offered; returns the new start. */
    public String rescheduleToFirstFreeSlot(String code) {
        String before = bookingStart(code);
        rowButton(code, "reschedule").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reschedule-dialog")));
        WebElement slot = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid=r-slot]")));
        String start = slot.getAttribute("data-start");
        slot.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("r-confirm"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reschedule-dialog")));
        wait.until(d -> {
            String now = bookingStart(code);
            return now != null && !now.equals(before) ? now : null;
        });
        return start;
    }

    /** Invites, from the booking's row, the department official named {@code name}; waits for the row to show it. */
    public void inviteFromList(String code, String name) {
        rowButton(code, "invite").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-dialog")));
        WebElement label = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[@id='i-list']//label[starts-with(normalize-space(.), '" + name + " ')]")));
        driver.findElement(By.id(label.getAttribute("for"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("i-confirm"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("invite-dialog")));
        wait.until(d -> d.findElement(row(code)).findElements(By.cssSelector("[data-testid=invitation]")).stream()
                .anyMatch(e -> e.getText().startsWith(name)));
    }

    /** Opens the history, reads the kinds of its entries (BOOKED, RESCHEDULED, …) and closes it. */
    public List<String> historyKinds(String code, int atLeast) {
        rowButton(code, "history").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history-dialog")));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=history-entry]")).size() >= atLeast);
        List<String> kinds = driver.findElements(By.cssSelector("[data-testid=history-entry]")).stream()
                .map(e -> e.getAttribute("data-kind")).toList();
        driver.findElement(By.id("h-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("history-dialog")));
        return kinds;
    }

    /** Cancels with a reason and waits until the row shows the new state. */
    public void cancel(String code, String reason) {
        String before = bookingState(code);
        rowButton(code, "cancel").click();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-reason")));
        box.sendKeys(reason);
        driver.findElement(By.id("c-confirm")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cancel-dialog")));
        wait.until(d -> !bookingState(code).equals(before));
    }

    /**
     * Opens the booking's dialog by its row's button ({@code action}: reschedule, invite, cancel, history) and waits
     * until {@code ready} is shown in it.
     */
    public void openDialog(String code, String action, By ready) {
        rowButton(code, action).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(action + "-dialog")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(ready));
    }

    /** Closes an open dialog as Escape would, and waits until it is gone. */
    public void closeDialog(String action) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).close()", action + "-dialog");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(action + "-dialog")));
    }

    /** The texts of the open history dialog's entries. */
    public List<String> historyTexts() {
        return driver.findElements(By.cssSelector("[data-testid=history-entry]")).stream().map(WebElement::getText)
                .toList();
    }

    public String listMessage() {
        wait.until(d -> !text("list-message").isBlank());
        return text("list-message");
    }

    /** Waits until the element's text equals {@code expected}; returns it. */
    public String waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBe(By.id(id), expected));
        return text(id);
    }

    public void scrollToTop() {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }
}
