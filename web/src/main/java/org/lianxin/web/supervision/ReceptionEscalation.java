package org.lianxin.web.supervision;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.lianxin.scheduler.ScheduleEvent.SessionStarted;
import org.lianxin.supervision.Escalations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A reception held — the scheduler tells {@code SessionStarted} after commit, whoever started it (the live room's
 * admission, republished by {@code config.SchedulerConfiguration}) — is checked for a problem raised twice
 * ({@link Escalations}). On a thread of its own, so that admitting the petitioner never waits for it; a failure is
 * logged and the reception goes on.
 */
@Component
class ReceptionEscalation implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ReceptionEscalation.class);

    private final Escalations escalations;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "supervision-escalation");
        t.setDaemon(true);
        return t;
    });

    ReceptionEscalation(Escalations escalations) {
        this.escalations = escalations;
    }

    @EventListener
    void sessionStarted(SessionStarted started) {
        worker.execute(() -> check(started.bookingId()));
    }

    void check(long bookingId) {
        try (var mdc = MDC.putCloseable("booking", Long.toString(bookingId))) {
            escalations.receptionHeld(bookingId).ifPresent(item -> log.info("booking {}: problem raised again, "
                    + "escalated to {} as {}", bookingId, item.supervisingOffice().name(), item.number()));
        } catch (RuntimeException e) {
            log.warn("booking {}: the check for a problem raised again failed", bookingId, e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
