package org.lianxin.web.reports;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lianxin.reports.Bulletins;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.ReportsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Issues last month's bulletin of every jurisdiction: checks every {@code lianxin.reports.issue-interval} (0: never)
 * and stores what is missing — on the 1st, or at the first check after the application was down over the 1st. Safe
 * with several nodes (one bulletin per office and month). A failed run is logged and tried again at the next check.
 */
@Component
class BulletinIssuer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BulletinIssuer.class);

    private final Bulletins bulletins;
    private final Duration interval;
    private volatile ScheduledExecutorService runner;

    BulletinIssuer(Bulletins bulletins, ReportsProperties props) {
        this.bulletins = bulletins;
        this.interval = props.issueInterval();
    }

    void runOnce() {
        try {
            bulletins.issueDue();
        } catch (RuntimeException e) {
            log.warn("issuing the monthly bulletins failed; next try in {}", interval, e);
        }
    }

    @Override
    public void start() {
        if (interval.isZero()) {
            log.info("monthly bulletins not issued automatically (lianxin.reports.issue-interval=0)");
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "bulletin-issuer");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        runner = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = runner;
        runner = null;
        if (s == null) return;
        s.shutdownNow(); // a bulletin being made is not stored; the next start makes it again
        try {
            s.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return runner != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.BULLETIN_ISSUER;
    }
}
