package org.lianxin.notification.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lianxin.notification.Delivery;
import org.lianxin.notification.DeliveryFailure;
import org.lianxin.notification.NotificationChannel;

/** A channel for tests: keeps what it was asked to send; can be told to fail, or to take its time. */
public final class FakeChannel implements NotificationChannel {
    private final List<Delivery> sent = new CopyOnWriteArrayList<>();
    private volatile String failWith;
    private volatile Duration slowness = Duration.ZERO;

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void send(Delivery delivery) throws DeliveryFailure {
        if (!slowness.isZero()) {
            try {
                Thread.sleep(slowness.toMillis()); // stands for the SMTP round trip the lock is held over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String f = failWith;
        if (f != null) {
            throw new DeliveryFailure(f);
        }
        sent.add(delivery);
    }

    /** Every send fails with this message from now on (null: they succeed). */
    public void failWith(String message) {
        failWith = message;
    }

    public void slowness(Duration d) {
        slowness = d;
    }

    public List<Delivery> sent() {
        return List.copyOf(sent);
    }
}
