package org.lianxin.web.officials;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.WeeklyWindow;

/** Request bodies of the officials API. */
final class Requests {
    private Requests() {
    }

    /** A weekly window: day "MONDAY", start "09:00", end "12:00" in the office's zone. */
    record WindowRequest(@NotNull DayOfWeek day, @NotNull LocalTime start, @NotNull LocalTime end) {
        WeeklyWindow toWindow() {
            return new WeeklyWindow(day, start, end);
        }
    }

    record SettingsRequest(@NotNull @Min(5) @Max(480) Integer slotMinutes, @NotNull @Min(0) @Max(240) Integer bufferMinutes,
                           @NotNull @Min(1) @Max(48) Integer maxSessionsPerDay) {
    }

    record BlockRequest(@NotNull Instant start, @NotNull Instant end, @Size(max = 200) String reason) {
    }

    record NewOfficialRequest(@NotNull @Positive Long officeId, @NotBlank @Size(max = 100) String name,
                              @Size(max = 100) String title, @NotNull OfficialKind kind,
                              @Min(5) @Max(480) Integer slotMinutes, @Min(0) @Max(240) Integer bufferMinutes,
                              @Min(1) @Max(48) Integer maxSessionsPerDay,
                              @Size(max = 50) List<@Valid @NotNull WindowRequest> windows) {
        NewOfficial toNewOfficial() {
            return new NewOfficial(officeId, name, title, kind, slotMinutes, bufferMinutes, maxSessionsPerDay,
                    windows == null ? List.of() : windows.stream().map(WindowRequest::toWindow).toList());
        }
    }

    record FeedUrl(String url) {
    }
}
