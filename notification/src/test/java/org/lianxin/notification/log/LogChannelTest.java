package org.lianxin.notification.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Delivery;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Role;
import org.slf4j.LoggerFactory;

class LogChannelTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogChannel.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void aNoticeIsLoggedByKindAndUserNamesNeverByItsTextOrAddresses() {
        new LogChannel().send(new Delivery(7, NoticeKind.ESCALATED, Recipient.officeStaff(12, Role.LEADER),
                List.of(new Addressee("cd.leader", "成都市信访局局长", "leader@chengdu.example.cn")),
                "升级督办：张三反映的拆迁补偿问题", "张三（身份证 510104…）第二次来访，问题未解决。"));
        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("notice 7", "ESCALATED", "office:12:LEADER", "cd.leader")
                .doesNotContain("张三", "拆迁", "身份证", "example.cn", "局长");
    }

    @Test
    void aNoticeNobodyHoldsIsLoggedAsSuch() {
        new LogChannel().send(new Delivery(8, NoticeKind.OVERDUE, Recipient.officeStaff(12, Role.REVIEWER), List.of(),
                "逾期", "正文"));
        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("notice 8", "nobody holds that now").doesNotContain("逾期", "正文");
    }
}
