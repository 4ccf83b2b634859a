package org.lianxin.web.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;
import org.lianxin.notification.NotificationModule;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.mail.MailChannel;
import org.lianxin.notification.mail.MailSettings;
import org.lianxin.notification.testing.TestSmtp;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.web.config.TestClusterJobs;
import org.lianxin.web.security.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The notice before a reception starts, on the test PostgreSQL with the application's migrations, sent by e-mail to
 * a real SMTP server: once per person and booking with two nodes sweeping and a restart, never for a cancelled
 * booking, never before its time; a leader without an address is skipped.
 */
class SessionRemindersIT {
    TestSmtp smtp;
    SchedulerWorld w;
    DataSource ds;
    JdbcClient jdbc;
    List<NotificationModule> modules = new ArrayList<>();
    Booking joint;
    Booking cancelled;

    @BeforeEach
    void world() {
        smtp = new TestSmtp();
        ds = TestDatabases.postgres("reminders");
        jdbc = JdbcClient.create(ds);
        w = new SchedulerWorld(ds);
        UserAccounts users = new UserAccounts(jdbc, PasswordEncoderFactories.createDelegatingPasswordEncoder());
        users.create("jj.leader", "pw-1234567", "锦江区领导", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        users.setEmail("jj.leader", "jj.leader@jinjiang.example.cn");
        users.create("zj.official", "pw-1234567", "住建局干部", Role.OFFICIAL, w.housingDept.id(), w.housingOfficial.id());
        users.setEmail("zj.official", "zj@housing.example.cn");
        users.create("fc.leader", "pw-1234567", "涪城区领导", Role.LEADER, w.fucheng.id(), w.fuchengLeader.id());
        users.setEmail("fc.leader", "fc.leader@fucheng.example.cn");
        users.create("cd.leader", "pw-1234567", "市领导", Role.LEADER, w.chengdu.id(), w.chengduLeader.id()); // no e-mail

        // Tuesday 09:00 in Jinjiang with the housing official invited; Fucheng's at 09:00 is cancelled;
        // Chengdu's at 10:00 is past the window at 08:50
        joint = w.scheduler.bookings().book(w.jinjiangStaff, new NewBooking(w.jinjiangLeader.id(),
                w.jinjiangRoom1.id(), w.jinjiangCase.id(), SchedulerWorld.tuesday(9, 0), List.of(w.housingOfficial.id())));
        cancelled = w.scheduler.bookings().book(w.fuchengStaff, new NewBooking(w.fuchengLeader.id(), w.fuchengRoom.id(),
                w.fuchengCase.id(), SchedulerWorld.tuesday(9, 0), List.of()));
        w.scheduler.bookings().cancel(w.fuchengStaff, cancelled.id(), "上访人改期");
        w.scheduler.bookings().book(w.system, new NewBooking(w.chengduLeader.id(), w.chengduRoom.id(),
                w.jinjiangCase.id(), SchedulerWorld.tuesday(10, 0), List.of()));
    }

    @AfterEach
    void stop() {
        modules.forEach(m -> m.dispatcher().close());
        smtp.close();
    }

    /** One node: its outbox, dispatcher (started) and reminder sweep, as NotificationConfiguration wires them. */
    SessionReminders node(String name) {
        AppUserDirectory directory = new AppUserDirectory(jdbc);
        MailChannel mail = new MailChannel(new MailSettings("127.0.0.1", smtp.port(), MailSettings.Security.NONE, null,
                null, "noreply@lianxin.example.cn", "连心", Duration.ofSeconds(5)));
        NotificationModule m = NotificationModule.create(ds, new DataSourceTransactionManager(ds), directory, mail,
                w.clock, new NotificationSettings(5, Backoff.ofMillis(200, 1000), Duration.ofMillis(300), name));
        modules.add(m);
        m.dispatcher().start();
        return new SessionReminders(w.scheduler.bookings(), w.scheduler.offices(), () -> Optional.of(w.system),
                directory, m.notifications(), NotificationKeysTest.REMINDER, w.clock, TestClusterJobs.alone());
    }

    @Test
    void theHostAndTheInvitedOfficialAreToldOnceWhateverNodesAndRestartsSweep() throws Exception {
        SessionReminders a = node("node-a");
        SessionReminders b = node("node-b");
        w.clock.set(SchedulerWorld.tuesday(8, 44));
        assertThat(a.sweep() + b.sweep()).as("16 minutes before: not yet").isZero();

        w.clock.set(SchedulerWorld.tuesday(8, 45));
        assertThat(a.sweep() + b.sweep()).as("the host and the invited official").isEqualTo(2);
        w.clock.set(SchedulerWorld.tuesday(8, 50));
        SessionReminders restarted = node("node-a-again");
        assertThat(a.sweep() + b.sweep() + restarted.sweep()).as("queued already").isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().length >= 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from notification_outbox where state = 'SENT'").query(Long.class).single() == 2);
        modules.forEach(m -> m.dispatcher().dispatchDue());
        Map<String, Long> perAddress = Arrays.stream(smtp.received()).map(SessionRemindersIT::to)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perAddress).containsOnly(Map.entry("jj.leader@jinjiang.example.cn", 1L),
                Map.entry("zj@housing.example.cn", 1L));

        MimeMessage host = Arrays.stream(smtp.received()).filter(m -> to(m).startsWith("jj.leader")).findFirst()
                .orElseThrow();
        assertThat(host.getSubject()).isEqualTo("【连心】视频接访 09:00 开始（案件 SC-2026-000101）/ Video reception at 09:00"
                + " (case SC-2026-000101)");
        assertThat((String) host.getContent()).contains("您主持的视频接访将于 2026年12月1日 09:00（Asia/Shanghai）开始",
                "接访终端：一号接访室（锦江区）").doesNotContain("张三");
        MimeMessage invited = Arrays.stream(smtp.received()).filter(m -> to(m).startsWith("zj@")).findFirst()
                .orElseThrow();
        assertThat((String) invited.getContent()).contains("受邀参加（联合接访）");

        w.clock.set(SchedulerWorld.tuesday(9, 50));
        assertThat(a.sweep()).as("Chengdu's 10:00 reception: its leader has no address, still queued").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from notification_outbox where state = 'SENT'").query(Long.class).single() == 3);
        assertThat(smtp.received()).as("nobody to e-mail: no message, and not retried").hasSize(2);
        assertThat(jdbc.sql("select count(*) from notification_outbox where dedupe_key like 'session-start:booking:"
                + cancelled.id() + ":%'").query(Long.class).single()).as("cancelled").isZero();
    }

    private static String to(MimeMessage m) {
        try {
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            String s = to[0].toString();
            return s.substring(s.indexOf('<') + 1, s.indexOf('>'));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
