package org.lianxin.web.config;

import org.springframework.context.SmartLifecycle;

/**
 * The order in which what runs in the application starts and stops, in one place: {@link SmartLifecycle}s start in
 * ascending phase and stop in descending phase, so the list below reads top-down as the stop order (and bottom-up
 * as the start order). Spring Boot's web server stops after all of them (graceful shutdown at
 * {@code DEFAULT_PHASE - 1024}, the server itself at {@code DEFAULT_PHASE - 2048}); the database pool closes after
 * every lifecycle stopped (an H2 URL therefore needs {@code DB_CLOSE_ON_EXIT=FALSE}, see application.yml).
 *
 * <ol>
 * <li>{@link #SESSION_REMINDERS}: the sweep that queues the notices of sessions about to start — stops first (with
 * the sweep below), starts last (the outbox's dispatcher is running by then).</li>
 * <li>{@link #TOPICS_SWEEP}: topic detection over every province — needs only the database; stops among the first.</li>
 * <li>{@link #INTERRUPTED_SESSIONS}: the sweep that ends bookings a crash left IN_SESSION — stops first, so that
 * rooms closed by the stop are never taken for abandoned ones; starts after the live rooms.</li>
 * <li>{@link #LIVE_ROOMS}: ends every room (participants get {@code ended}, reason SERVER; media rooms destroyed),
 * which tells every listener the end of each session.</li>
 * <li>{@link #DOCUMENT_SWEEP}: the sweep of objects a failed upload left under {@code documents/} — needs only the
 * object store and the database; its thread stops after the rooms and before the recording's.</li>
 * <li>{@link #RECORDING_ROOM_EVENTS}: the recording's own thread of room events carries out the ends of the
 * sessions (recordings INTERRUPTED, "recording server shut down") before the recorder stops.</li>
 * <li>{@link #RECORDING}: the recorder and its uploader — start first (recovering what a crash left before any
 * room opens), stop last: every recording still open ends (INTERRUPTED), what the ends stored (last segments,
 * manifests) reaches storage (at most 10 s; storage down: it stays in the spool for the next start), then the
 * uploader closes.</li>
 * <li>{@link #NOTIFICATIONS}: the outbox's dispatcher — starts first and stops last, so that what the others queue
 * while they stop is still sent (what it has not sent stays in the outbox for the next start or another node).</li>
 * <li>{@link #DATABASE_NOTICES}: the one connection listening for PostgreSQL notices — starts before, and stops
 * after, every feature that subscribes to them (accounts, webhooks, recording switches).</li>
 * <li>{@link #AUDIT_CHECKPOINTS}: the audit trail's checkpoints — after everything that audits stopped, the chain's
 * last head is signed and stored outside the database.</li>
 * </ol>
 */
public final class LifecyclePhases {
    private LifecyclePhases() {
    }

    /** {@code notify.SessionReminders}. */
    public static final int SESSION_REMINDERS = SmartLifecycle.DEFAULT_PHASE;

    /** {@code reception.InterruptedSessions}. */
    public static final int INTERRUPTED_SESSIONS = SmartLifecycle.DEFAULT_PHASE;

    /** {@code reports.BulletinIssuer}: independent of the others (database only); stops among the first. */
    public static final int BULLETIN_ISSUER = SmartLifecycle.DEFAULT_PHASE;

    /** {@code supervision.SupervisionSweeper}: independent of the others; stops among the first. */
    public static final int SUPERVISION_SWEEP = SmartLifecycle.DEFAULT_PHASE;

    /** {@code topics.TopicsSweeper}: independent of the others; stops among the first. */
    public static final int TOPICS_SWEEP = SmartLifecycle.DEFAULT_PHASE;

    /** {@code live.LiveRoomsLifecycle}. */
    public static final int LIVE_ROOMS = SmartLifecycle.DEFAULT_PHASE - 100;

    /** {@code recording.RecordingRoomEvents} (its worker thread). */
    public static final int RECORDING_ROOM_EVENTS = SmartLifecycle.DEFAULT_PHASE - 500;

    /** {@code recording.RecordingLifecycle} (the recorder, recovery, retention, the uploader). */
    public static final int RECORDING = SmartLifecycle.DEFAULT_PHASE - 1000;

    /** {@code documents.DocumentSweep}. */
    public static final int DOCUMENT_SWEEP = SmartLifecycle.DEFAULT_PHASE - 200;
    /** {@code notify.NotificationLifecycle} (the outbox's dispatcher). */
    public static final int NOTIFICATIONS = SmartLifecycle.DEFAULT_PHASE - 2000;

    /** {@code cluster.DatabaseNotices} (the listening connection). */
    public static final int DATABASE_NOTICES = org.lianxin.web.cluster.DatabaseNotices.PHASE;

    /** {@code audit.AuditCheckpointer}: the last checkpoint, after every other lifecycle stopped. */
    public static final int AUDIT_CHECKPOINTS = SmartLifecycle.DEFAULT_PHASE - 3000;
}
