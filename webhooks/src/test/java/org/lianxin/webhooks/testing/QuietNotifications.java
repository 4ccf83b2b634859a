package org.lianxin.webhooks.testing;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Delivery;
import org.lianxin.notification.Directory;
import org.lianxin.notification.NotificationChannel;
import org.lianxin.notification.NotificationModule;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.Recipient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The real notification outbox for the webhooks' tests, whose rows the tests read: nobody has an address, an office's
 * staff belong to that office, and its dispatcher is never started.
 */
public final class QuietNotifications {
    private QuietNotifications() {
    }

    public static NotificationModule module(DataSource ds, PlatformTransactionManager transactions, Clock clock,
                                            String node) {
        Directory directory = new Directory() {
            @Override
            public List<Addressee> resolve(Recipient recipient) {
                return List.of();
            }

            @Override
            public OptionalLong officeOf(Recipient recipient) {
                return recipient instanceof Recipient.OfficeStaff s ? OptionalLong.of(s.officeId())
                        : OptionalLong.empty();
            }
        };
        NotificationChannel nowhere = new NotificationChannel() {
            @Override
            public String describe() {
                return "nowhere";
            }

            @Override
            public void send(Delivery delivery) {
            }
        };
        return NotificationModule.create(ds, transactions, directory, nowhere, clock,
                NotificationSettings.defaults(node));
    }
}
