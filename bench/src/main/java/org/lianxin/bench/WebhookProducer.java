package org.lianxin.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.WeeklyWindow;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.NewOrder;
import org.lianxin.supervision.OrderMode;
import org.lianxin.supervision.Supervision;

/**
 * The changes of {@code bench webhooks}: real bookings through the application's scheduler service (its outbox port
 * queues each event in the change's transaction), on the app's PostgreSQL. Each case is a petition handled the way
 * county staff move a reception around: booked, moved to another time, moved back, cancelled — four events whose
 * order the receiver must see. Cases go in batches of {@link #BATCH}: the batch's cases are booked, then all moved,
 * and so on, so a case's changes are seconds apart as staff make them (not milliseconds: a later change committed
 * while the earlier one is still being retried waits behind it, which is measured, but staff do not make four
 * changes of one case within 300 ms). Changes are paced to {@code rate} events per second over several threads; each
 * change's commit time is taken as its call returns (the service commits before it returns).
 *
 * <p>Every {@link #SUPERVISED}th case is supervised instead of moved: after it is booked, the city office above the
 * county sends the county a 督办单 through the application's supervision service ({@code supervision.opened}), the
 * county signs it and replies with its completion report ({@code supervision.replied}; the signing queues nothing) and
 * the city accepts the reply ({@code supervision.accepted}) — the same four events a case, the booking's and the
 * item's in the order the receiver must see them (both are queued under the case's number).
 */
final class WebhookProducer {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int OFFICIALS = 20;
    static final int PAIRS_PER_DAY = 7; // 8:00-18:00 in 40 min steps (30 min + 10 min buffer): 15 slots, 7 pairs
    static final int STEPS = 4;
    static final int BATCH = 300;
    /** Every this many cases, the last of them is supervised (booked, then an order opened, replied, accepted). */
    static final int SUPERVISED = 4;
    /** The city above the county {@code 510104} of the demo data: it supervises the county. */
    static final String CITY = "510100";

    /**
     * One committed change: its event as the receiver will see it ({@code type|bookingId|start} for a booking's,
     * {@code type|itemId|itemNumber} for a supervision item's).
     */
    record Produced(String key, int caseIndex, int step, long commitNanos) {
    }

    private final Scheduler scheduler;
    private final Supervision supervision;
    private final Actor staff;
    private final Actor cityReviewer;
    private final List<Long> officials = new ArrayList<>();
    private final List<Long> terminals = new ArrayList<>();
    private final String runTag;
    final Queue<Produced> produced = new ConcurrentLinkedQueue<>();
    final AtomicInteger count = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    /** Of {@link #count}, the supervision items' events. */
    final AtomicInteger supervisionEvents = new AtomicInteger();

    /**
     * Twenty officials of the county {@code countyCode} receiving every day 8:00-18:00, each at a terminal of its own;
     * the supervised cases' orders sent by a reviewer of {@link #CITY} to the county, whose scheduler signs and replies.
     */
    WebhookProducer(Scheduler scheduler, Supervision supervision, long provinceId, String countyCode, String runTag) {
        this.scheduler = scheduler;
        this.supervision = supervision;
        this.runTag = runTag;
        Actor system = Actor.system(provinceId);
        Office county = scheduler.offices().byCode(countyCode);
        List<WeeklyWindow> everyDay = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            everyDay.add(new WeeklyWindow(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        }
        for (int i = 0; i < OFFICIALS; i++) {
            officials.add(scheduler.officials().create(system, new NewOfficial(county.id(), "接访领导" + runTag + i,
                    "主任", OfficialKind.LEADER, 30, 10, 48, everyDay)).id());
            terminals.add(scheduler.terminals().create(system, new NewTerminal(county.id(), "接访室" + runTag + i,
                    null)).id());
        }
        this.staff = new Actor("bench.scheduler", Role.SCHEDULER, county.id(), null);
        this.cityReviewer = new Actor("bench.reviewer", Role.REVIEWER, scheduler.offices().byCode(CITY).id(), null);
    }

    /** Whether case {@code c} is supervised rather than moved. */
    static boolean supervised(int c) {
        return c % SUPERVISED == SUPERVISED - 1;
    }

    /** How many cases the officials' calendars hold (two slots each, from the day after tomorrow, 57 days). */
    static int capacity() {
        return OFFICIALS * 57 * PAIRS_PER_DAY;
    }

    /**
     * Produces {@code cases} cases on {@code threads} threads, the changes paced to {@code rate} per second from
     * {@code startNanos}; returns when all are done.
     */
    void run(int cases, int threads, double rate, long startNanos) throws InterruptedException {
        if (cases > capacity()) {
            throw new IllegalArgumentException(cases + " cases: at most " + capacity());
        }
        AtomicLong ticket = new AtomicLong();
        Runnable pace = () -> LockSupport.parkNanos(startNanos + (long) (ticket.getAndIncrement() * 1e9 / rate)
                - System.nanoTime());
        Booking[] bookings = new Booking[cases];
        Item[] items = new Item[cases];
        for (int from = 0; from < cases; from += BATCH) {
            int to = Math.min(cases, from + BATCH);
            for (int step = 0; step < STEPS; step++) {
                int s = step;
                AtomicInteger next = new AtomicInteger(from);
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread w = new Thread(() -> {
                        for (int c; (c = next.getAndIncrement()) < to; ) {
                            step(c, s, bookings, items, pace);
                        }
                    }, "producer-" + t);
                    workers.add(w);
                    w.start();
                }
                for (Thread w : workers) {
                    w.join();
                }
            }
        }
    }

    /**
     * Step {@code step} of case {@code c}: booked at A, moved to B, moved back to A, cancelled; a supervised case:
     * booked at A, an order opened, signed and replied, accepted.
     */
    private void step(int c, int step, Booking[] bookings, Item[] items, Runnable pace) {
        if (step > 0 && bookings[c] == null) {
            return; // the case stopped on an error
        }
        int official = c % OFFICIALS;
        int slot = c / OFFICIALS;
        LocalDate day = LocalDate.now(ZONE).plusDays(2 + slot / PAIRS_PER_DAY);
        int pair = slot % PAIRS_PER_DAY;
        Instant a = day.atTime(8, 0).plusMinutes(80L * pair).atZone(ZONE).toInstant();
        Instant b = a.plusSeconds(40 * 60);
        String caseNumber = "WB" + runTag + "-" + c;
        try {
            if (step == 0) {
                CaseFile file = scheduler.cases().create(staff, new NewCase(caseNumber, "测试",
                        IdNumbers.valid("510104", c % 9000), null, "基准测试", "OTHER", "510104"));
                pace.run();
                bookings[c] = scheduler.bookings().book(staff, new NewBooking(officials.get(official),
                        terminals.get(official), file.id(), a, List.of()));
                done("booking.created", bookings[c], c, 0);
                return;
            }
            if (supervised(c)) {
                supervise(c, step, bookings[c], items, pace);
                return;
            }
            long id = bookings[c].id();
            pace.run();
            if (step == 1) {
                done("booking.rescheduled", scheduler.bookings().reschedule(staff, id, b, null), c, 1);
            } else if (step == 2) {
                done("booking.rescheduled", scheduler.bookings().reschedule(staff, id, a, null), c, 2);
            } else {
                done("booking.cancelled", scheduler.bookings().cancel(staff, id, "当事人另有安排"), c, 3);
            }
        } catch (RuntimeException e) {
            bookings[c] = null;
            errors.incrementAndGet();
            System.out.println("case " + c + " stopped at step " + step + ": " + e);
        }
    }

    /** Steps 1-3 of a supervised case: the order sent to the county, signed and replied, accepted. */
    private void supervise(int c, int step, Booking booked, Item[] items, Runnable pace) {
        if (step == 1) {
            pace.run();
            items[c] = supervision.items().order(cityReviewer, new NewOrder(booked.caseId(), staff.officeId(),
                    OrderMode.DOCUMENT, "基准测试督办", "十日内书面答复", null, null));
            done("supervision.opened", items[c], c, 1);
        } else if (step == 2) {
            long id = items[c].id();
            supervision.items().sign(staff, id);
            pace.run();
            done("supervision.replied", supervision.items().reply(staff, id, "已答复当事人", "办结报告：已处理",
                    List.of()), c, 2);
        } else {
            pace.run();
            done("supervision.accepted", supervision.items().accept(cityReviewer, items[c].id(), "同意办结"), c, 3);
        }
    }

    private void done(String type, Booking b, int caseIndex, int step) {
        done(key(type, b.id(), b.start().toString()), caseIndex, step);
    }

    private void done(String type, Item item, int caseIndex, int step) {
        done(key(type, item.id(), item.number()), caseIndex, step);
    }

    private void done(String key, int caseIndex, int step) {
        long now = System.nanoTime();
        produced.add(new Produced(key, caseIndex, step, now));
        count.incrementAndGet();
        if (isSupervision(key)) {
            supervisionEvents.incrementAndGet();
        }
    }

    /**
     * A produced event's key: {@code type|bookingId|start} for a booking's, {@code type|itemId|itemNumber} for a
     * supervision item's.
     */
    static String key(String type, long id, String detail) {
        return type + "|" + id + "|" + detail;
    }

    /** Whether the event of {@code key} is a supervision item's. */
    static boolean isSupervision(String key) {
        return key.startsWith("supervision.");
    }
}
