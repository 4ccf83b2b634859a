package org.lianxin.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.lianxin.scheduler.CalendarFeed;
import org.lianxin.scheduler.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RFC 5545 feed of an official's sessions (hosted and joined, from 30 days back), times in UTC. Cancelled and
 * no-show sessions stay in the feed as STATUS:CANCELLED so that subscribed calendars drop them.
 */
final class IcsFeed implements CalendarFeed {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final Clock clock;

    IcsFeed(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String ics(String token) {
        if (token == null || token.isBlank()) throw new NotFound("calendar", "(empty token)");
        Long officialId = jdbc.sql("select id from official where calendar_token = ?").param(token)
                .query(Long.class).optional().orElseThrow(() -> new NotFound("calendar", "(token)"));
        Instant since = clock.instant().minus(Duration.ofDays(30));
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Lianxin//Reception scheduler//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        String stamp = UTC.format(clock.instant());
        jdbc.sql("select b.id, b.code, b.starts_at, b.ends_at, b.state, b.version, c.case_number, c.subject, "
                        + "t.name as terminal_name, f.name as host_name from booking b "
                        + "join case_file c on c.id = b.case_id join terminal t on t.id = b.terminal_id "
                        + "join official f on f.id = b.official_id "
                        + "where (b.official_id = :me or exists (select 1 from booking_invitation i "
                        + "where i.booking_id = b.id and i.official_id = :me and i.state <> 'DECLINED')) "
                        + "and b.ends_at > :since order by b.starts_at")
                .param("me", officialId).param("since", Sql.ts(since))
                .query(rs -> {
                    String state = rs.getString("state");
                    line(out, "BEGIN:VEVENT");
                    line(out, "UID:booking-" + rs.getLong("id") + "@lianxin");
                    line(out, "SEQUENCE:" + rs.getInt("version"));
                    line(out, "DTSTAMP:" + stamp);
                    line(out, "DTSTART:" + UTC.format(Sql.instant(rs, "starts_at")));
                    line(out, "DTEND:" + UTC.format(Sql.instant(rs, "ends_at")));
                    line(out, "SUMMARY:" + text("接访 Reception " + rs.getString("case_number") + " "
                            + rs.getString("subject")));
                    line(out, "LOCATION:" + text(rs.getString("terminal_name")));
                    line(out, "DESCRIPTION:" + text("Host: " + rs.getString("host_name") + "\nBooking code: "
                            + rs.getString("code")));
                    line(out, "STATUS:" + (state.equals("CANCELLED") || state.equals("NO_SHOW") ? "CANCELLED"
                            : "CONFIRMED"));
                    line(out, "END:VEVENT");
                });
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /**
     * TEXT of RFC 5545 §3.3.11: backslash, semicolon and comma escaped, a line break (CRLF, LF, or a lone CR) as
     * {@code \\n}; every other control character (none but the tab is allowed in TEXT) dropped, as is a lone
     * surrogate. What the API refuses today may have been stored before.
     */
    static String text(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', ';', ',' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    out.append("\\n");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                }
                case '\t' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (!Character.isISOControl(c) && !Character.isSurrogate(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Appends a content line folded at 75 octets (§3.1), never splitting a UTF-8 character, ended by CRLF. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + len > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
