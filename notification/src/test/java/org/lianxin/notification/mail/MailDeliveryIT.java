package org.lianxin.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.NotificationModule;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.Recipient;
import org.lianxin.notification.testing.MapDirectory;
import org.lianxin.notification.testing.TestSmtp;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notices by e-mail to a real SMTP server (GreenMail on 127.0.0.1), from an outbox on the test PostgreSQL. */
class MailDeliveryIT {
    static final Recipient SUPERVISORS = Recipient.officeStaff(7, Role.REVIEWER, Role.LEADER);
    static final String SUBJECT = "【连心】督办事项已逾期：锦江区住建局 / Overdue: Jinjiang housing bureau";
    static final String BODY = "王局长您好：\n督办事项 DB-2026-0042（物业维修）已超过办理期限 3 天，已自动升级至市信访局。\n"
            + "Item DB-2026-0042 is 3 days overdue and was escalated to the city office.";

    TestSmtp smtp;
    DataSource ds;
    DataSourceTransactionManager transactions;
    TransactionTemplate tx;
    MapDirectory directory;
    List<NotificationModule> modules = new ArrayList<>();

    @BeforeEach
    void setUp() {
        smtp = new TestSmtp();
        ds = TestDatabases.postgres("mail");
        transactions = new DataSourceTransactionManager(ds);
        tx = new TransactionTemplate(transactions);
        directory = new MapDirectory().put(SUPERVISORS, 7,
                new Addressee("wang.leader", "王局长", "wang.leader@city.example.cn"),
                new Addressee("zhao.reviewer", "赵审核", "zhao@city.example.cn"),
                new Addressee("no.mail", "无邮箱", null));
    }

    @AfterEach
    void tearDown() {
        modules.forEach(m -> m.dispatcher().close());
        smtp.close();
    }

    NotificationModule node(String name, Duration poll) {
        MailChannel mail = new MailChannel(new MailSettings("127.0.0.1", smtp.port(), MailSettings.Security.NONE, null,
                null, "noreply@lianxin.example.cn", "连心信访视频接访系统", Duration.ofSeconds(5)));
        NotificationModule m = NotificationModule.create(ds, transactions, directory, mail, Clock.systemUTC(),
                new NotificationSettings(10, Backoff.ofMillis(200, 1000), poll, name));
        modules.add(m);
        m.dispatcher().start();
        return m;
    }

    static Notice overdue(String key) {
        return Notice.of(NoticeKind.OVERDUE, SUPERVISORS, SUBJECT, BODY, key);
    }

    @Test
    void aCommittedNoticeArrivesWithChineseIntactAndARolledBackOneNever() throws Exception {
        NotificationModule m = node("a", Duration.ofMinutes(10)); // only the wake-up after commit can be this quick
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            m.notifications().enqueue(Notice.of(NoticeKind.OVERDUE, SUPERVISORS, "回滚 / rolled back", BODY, "rb"));
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class);
        tx.executeWithoutResult(s -> m.notifications().enqueue(overdue("db-42-overdue")));

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().length == 2);
        for (MimeMessage message : smtp.received()) {
            assertThat(message.getSubject()).isEqualTo(SUBJECT);
            assertThat(((String) message.getContent()).replace("\r\n", "\n")).isEqualTo(BODY);
            assertThat(message.getContentType()).containsIgnoringCase("charset=UTF-8");
            InternetAddress from = (InternetAddress) message.getFrom()[0];
            assertThat(from.getAddress()).isEqualTo("noreply@lianxin.example.cn");
            assertThat(from.getPersonal()).isEqualTo("连心信访视频接访系统");
            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                    .anySatisfy(a -> assertThat(a).contains("wang.leader@city.example.cn"))
                    .anySatisfy(a -> assertThat(a).contains("zhao@city.example.cn"));
        }
        // the rolled-back one never comes, however long the dispatcher runs
        m.dispatcher().dispatchDue();
        assertThat(smtp.received()).hasSize(2).allSatisfy(msg -> assertThat(subject(msg)).isEqualTo(SUBJECT));
        assertThat(JdbcClient.create(ds).sql("select count(*) from notification_outbox").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aNoticeSentWhileTheServerIsDownArrivesAfterItComesBack() {
        smtp.stop();
        NotificationModule m = node("a", Duration.ofMinutes(10));
        m.notifications().enqueue(overdue("while-down"));
        JdbcClient jdbc = JdbcClient.create(ds);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select attempts from notification_outbox where dedupe_key = 'while-down'").query(Integer.class)
                .single() >= 2);
        assertThat(jdbc.sql("select last_error from notification_outbox").query(String.class).single())
                .contains("127.0.0.1:" + smtp.port()).doesNotContain("example.cn");
        assertThat(jdbc.sql("select state from notification_outbox").query(String.class).single())
                .isEqualTo("PENDING");

        smtp.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().length == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select state from notification_outbox")
                .query(String.class).single().equals("SENT"));
        assertThat(subject(smtp.received()[0])).isEqualTo(SUBJECT);
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEachNoticeExactlyOnce() throws Exception {
        NotificationModule a = node("node-a", Duration.ofMillis(200));
        NotificationModule b = node("node-b", Duration.ofMillis(200));
        int n = 40;
        for (int i = 0; i < n; i++) {
            Notice notice = Notice.of(NoticeKind.DEADLINE_NEAR, SUPERVISORS, "期限将至 #" + i + " / Deadline near",
                    BODY, "near-" + i);
            (i % 2 == 0 ? a : b).notifications().enqueue(notice);
        }
        // each notice goes to two mailboxes: 2n messages, no more, however long we look
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.received().length >= 2 * n);
        JdbcClient jdbc = JdbcClient.create(ds);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from notification_outbox where state = 'SENT'").query(Long.class).single() == n);
        a.dispatcher().dispatchDue();
        b.dispatcher().dispatchDue();
        Map<String, Long> perSubject = Arrays.stream(smtp.received()).map(MailDeliveryIT::subject)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perSubject).hasSize(n).allSatisfy((s, count) -> assertThat(count).as(s).isEqualTo(2));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
