package org.lianxin.web.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.lianxin.reports.BulletinInfo;
import org.lianxin.reports.Bulletins;
import org.lianxin.reports.StoredPdf;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly bulletin (一月一通报) and the yearly ranking (一年一排名) of a jurisdiction; {@code office} defaults to the
 * actor's own. {@code GET ranking?month=yyyy-MM} or {@code ?year=yyyy} (JSON); {@code GET bulletin.pdf?month=}
 * and {@code GET ranking.pdf?year=} (PDF made now); {@code GET bulletins} (the stored ones, issued on the 1st),
 * {@code GET bulletins/{id}/pdf}, {@code POST bulletins?month=} (issue now; administrators and leaders).
 */
@Tag(name = "Reports")
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {
    static final MediaType PDF = MediaType.APPLICATION_PDF;
    private final Bulletins bulletins;
    private final Offices offices;
    private final Clock clock;

    ReportsController(Bulletins bulletins, Offices offices, Clock clock) {
        this.bulletins = bulletins;
        this.offices = offices;
        this.clock = clock;
    }

    @Operation(summary = "Get the monthly or yearly ranking of offices")
    @GetMapping("/ranking")
    RankingJson ranking(Actor actor, @RequestParam(required = false) Long office,
                        @RequestParam(required = false) String month, @RequestParam(required = false) String year) {
        long id = office(actor, office);
        if (month != null && year != null) {
            throw new RuleViolation("report-period-ambiguous", "give either month (yyyy-MM) or year (yyyy), not both");
        }
        if (year != null) return RankingJson.of(bulletins.year(actor, id, year(year)), clock.instant());
        if (month == null) {
            throw new RuleViolation("report-period-missing", "give month (yyyy-MM) or year (yyyy)");
        }
        return RankingJson.of(bulletins.month(actor, id, month(month)));
    }

    @Operation(summary = "Render the monthly bulletin as PDF")
    @GetMapping("/bulletin.pdf")
    ResponseEntity<byte[]> monthlyPdf(Actor actor, @RequestParam(required = false) Long office,
                                      @RequestParam(required = false) String month) {
        long id = office(actor, office);
        YearMonth m = month(month);
        byte[] pdf = bulletins.monthly(actor, id, m);
        return pdf(pdf, offices.get(id).name() + "-信访工作月度通报-" + m + ".pdf");
    }

    @Operation(summary = "Render the yearly ranking as PDF")
    @GetMapping("/ranking.pdf")
    ResponseEntity<byte[]> yearlyPdf(Actor actor, @RequestParam(required = false) Long office,
                                     @RequestParam(required = false) String year) {
        long id = office(actor, office);
        Year y = year(year);
        return pdf(bulletins.yearly(actor, id, y), offices.get(id).name() + "-信访工作年度排名-" + y + ".pdf");
    }

    @Operation(summary = "List the issued bulletins")
    @GetMapping("/bulletins")
    List<BulletinInfo> list(Actor actor, @RequestParam(required = false) Long office) {
        return bulletins.list(actor, office(actor, office));
    }

    @Operation(summary = "Download an issued bulletin's stored PDF")
    @GetMapping("/bulletins/{id}/pdf")
    ResponseEntity<byte[]> stored(Actor actor, @PathVariable long id) {
        StoredPdf s = bulletins.stored(actor, id);
        return pdf(s.pdf(), s.info().officeName() + "-信访工作月度通报-" + s.info().period() + ".pdf");
    }

    @Operation(summary = "Issue and store the monthly bulletin now")
    @PostMapping("/bulletins")
    ResponseEntity<BulletinInfo> issue(Actor actor, @RequestParam(required = false) Long office,
                                       @RequestParam(required = false) String month) {
        if (!actor.may(Role.ADMIN, Role.LEADER)) {
            throw new AccessDeniedException("only administrators and leaders issue bulletins");
        }
        YearMonth m = month(month);
        if (!m.isBefore(YearMonth.now(clock.withZone(offices.get(office(actor, office)).zone())))) {
            throw new RuleViolation("report-month-not-over", "a bulletin is issued for a month that is over, not "
                    + m);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(bulletins.issue(actor, office(actor, office), m));
    }

    private static long office(Actor actor, Long office) {
        return office == null ? actor.officeId() : office;
    }


    static YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation("report-month-missing", "month is required (yyyy-MM)");
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new RuleViolation("report-month-invalid", "month must look like 2026-11 (yyyy-MM), not " + value);
        }
    }

    static Year year(String value) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation("report-year-missing", "year is required (yyyy)");
        }
        String v = value.trim();
        if (!v.matches("\\d{4}") || Integer.parseInt(v) < 2000 || Integer.parseInt(v) > 2100) {
            throw new RuleViolation("report-year-invalid", "year must look like 2026 (yyyy, 2000..2100), not " + value);
        }
        return Year.of(Integer.parseInt(v));
    }

    private static ResponseEntity<byte[]> pdf(byte[] pdf, String filename) {
        return ResponseEntity.ok().contentType(PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }
}
