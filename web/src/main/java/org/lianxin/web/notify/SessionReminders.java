package org.lianxin.web.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.lianxin.notification.Notice;
import org.lianxin.notification.Notifications;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Invitation;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * "Your reception starts soon": every sweep interval, the receptions (BOOKED or CHECKED_IN — never a cancelled or
 * missed one) that start within {@code before} get one notice per person — the host leader and the officials invited
 * to the joint reception (not those who declined) — queued with a dedupe key of booking, start and person, so that
 * two nodes and any number of restarts queue it once (a rescheduled booking gets one for its new time); the sweep
 * runs on the one instance holding its lease ({@link ClusterJobs}). A session
 * whose window the server slept through gets none: it has started. (Consultations run from their opening: there is
 * no start ahead to remind of; their invitees are told at the invitation, {@code consultation.ConsultationInvitations}.)
 */
final class SessionReminders implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionReminders.class);
    private static final Duration FIRST_RUN = Duration.ofSeconds(5);

    private final Bookings bookings;
    private final Offices offices;
    private final Supplier<Optional<Actor>> system;
    private final AppUserDirectory directory;
    private final Notifications notifications;
    private final NotificationProperties.SessionReminder settings;
    private final Clock clock;
    private final PeriodicTask task;

    /** @param system the unrestricted actor, empty while there is no office ({@code security.SystemActor::find}) */
    SessionReminders(Bookings bookings, Offices offices, Supplier<Optional<Actor>> system, AppUserDirectory directory,
                     Notifications notifications, NotificationProperties.SessionReminder settings, Clock clock,
                     ClusterJobs jobs) {
        this.bookings = bookings;
        this.offices = offices;
        this.system = system;
        this.directory = directory;
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
        Duration every = settings.enabled() ? settings.sweepInterval() : Duration.ZERO;
        Duration first = every.compareTo(FIRST_RUN) < 0 ? every : FIRST_RUN;
        this.task = jobs.periodic("session reminders", first, every, this::sweep);
    }

    /**
     * Queues the notices of every session starting in {@code (now, now + before]}.
     *
     * @return how many notices were queued (not counting those queued before)
     */
    int sweep() {
        Optional<Actor> actor = system.get();
        if (actor.isEmpty()) {
            return 0; // no offices yet: no sessions
        }
        Instant now = clock.instant();
        Instant until = now.plus(settings.before());
        int queued = 0;
        for (BookingState state : List.of(BookingState.BOOKED, BookingState.CHECKED_IN)) {
            // the query's end is exclusive (starts_at < to): a millisecond more takes in a start at the window's end
            BookingQuery starting = new BookingQuery(null, null, null, null, state, now, until.plusMillis(1));
            for (Booking b : bookings.list(actor.get(), starting)) {
                if (b.start().isAfter(now) && !b.start().isAfter(until)) {
                    queued += remind(b);
                }
            }
        }
        if (queued > 0) {
            log.info("session reminders: {} notice(s) queued for sessions starting by {}", queued, until);
        }
        return queued;
    }

    private int remind(Booking b) {
        Map<Long, Boolean> officials = new LinkedHashMap<>(); // official → host?
        officials.put(b.officialId(), true);
        for (Invitation i : b.invitations()) {
            if (i.state() != InvitationState.DECLINED) {
                officials.putIfAbsent(i.officialId(), false);
            }
        }
        Office area = offices.get(b.terminalOfficeId());
        List<Notice> notices = new ArrayList<>();
        forEachUser(officials, (username, host) ->
                notices.add(SessionNotices.reception(b, host, username, area.name(), area.zone())));
        return enqueue(notices, "booking " + b.id());
    }

    private void forEachUser(Map<Long, Boolean> officials, BiConsumer<String, Boolean> action) {
        Map<Long, List<String>> users = directory.usernamesOfOfficials(officials.keySet());
        officials.forEach((official, host) -> users.getOrDefault(official, List.of())
                .forEach(username -> action.accept(username, host)));
    }

    private int enqueue(List<Notice> notices, String session) {
        int n = 0;
        for (Notice notice : notices) {
            try {
                if (notifications.enqueue(notice)) {
                    n++;
                }
            } catch (RuntimeException e) { // the others of this sweep still go; this one is tried again next sweep
                log.warn("session reminders: {} could not be queued for {}", notice, session, e);
            }
        }
        return n;
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.SESSION_REMINDERS;
    }
}
