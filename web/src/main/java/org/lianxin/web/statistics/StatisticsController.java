package org.lianxin.web.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.statistics.FigureQuery;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.GroupBy;
import org.lianxin.statistics.Statistics;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures of an office's subtree for whole days in its zone: {@code GET /api/v1/statistics?office=&from=&to=&groupBy=}
 * as JSON, or as CSV with {@code Accept: text/csv} or {@code format=csv} (headers in {@code lang}, else the
 * {@code Accept-Language}'s first choice, Chinese by default). Without {@code office}, the actor's own office.
 */
@Tag(name = "Statistics")
@RestController
@RequestMapping("/api/v1/statistics")
class StatisticsController {
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private final Statistics statistics;

    StatisticsController(Statistics statistics) {
        this.statistics = statistics;
    }

    @Operation(summary = "Get reception statistics for an office and period, as JSON or CSV")
    @GetMapping
    ResponseEntity<?> figures(Actor actor, @RequestParam(required = false) Long office,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate to,
                              @RequestParam(required = false) String groupBy,
                              @RequestParam(required = false) String format,
                              @RequestParam(required = false) String lang,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        FigureQuery query = new FigureQuery(office == null ? actor.officeId() : office, from, to, groupBy(groupBy));
        FigureTable table = statistics.figures(actor, query);
        if (wantsCsv(format, accept)) {
            String name = "statistics-" + table.office().code() + "-" + query.from() + "-" + query.to() + "-"
                    + query.groupBy().name().toLowerCase(Locale.ROOT) + ".csv";
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                            .toString())
                    .body(StatisticsCsv.of(table, english(lang, language)));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(StatisticsJson.of(table));
    }

    static GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) return GroupBy.OFFICE_CHILDREN;
        try {
            return GroupBy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("statistics-group-unknown",
                    "groupBy must be OFFICE_CHILDREN, MONTH or CATEGORY, not " + value);
        }
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (f.equals("csv")) return true;
            if (f.equals("json")) return false;
            throw new RuleViolation("statistics-format-unknown", "format must be json or csv, not " + format);
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    static boolean english(String lang, String acceptLanguage) {
        String l = lang != null && !lang.isBlank() ? lang : acceptLanguage;
        return l != null && l.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }
}
