package org.lianxin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;

class NoticeTest {

    @Test
    void recipientsSurviveTheirTextForm() {
        Recipient user = Recipient.user("zhang.san");
        Recipient staff = Recipient.officeStaff(37, Role.REVIEWER, Role.LEADER);
        assertThat(user.encode()).isEqualTo("user:zhang.san");
        assertThat(staff.encode()).isEqualTo("office:37:LEADER,REVIEWER");
        assertThat(Recipient.decode(user.encode())).isEqualTo(user);
        assertThat(Recipient.decode(staff.encode())).isEqualTo(staff);
        assertThat(((Recipient.OfficeStaff) staff).roles()).isEqualTo(EnumSet.of(Role.LEADER, Role.REVIEWER));
    }

    @Test
    void brokenRecipientTextIsRefused() {
        for (String bad : new String[] {"", "user:", "office:x:LEADER", "office:3:", "office:3:KING", "group:1"}) {
            assertThatThrownBy(() -> Recipient.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Recipient.OfficeStaff(1, EnumSet.noneOf(Role.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.user("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoticeNeedsOneLineSubjectAndAKey() {
        Recipient r = Recipient.user("u");
        assertThatThrownBy(() -> Notice.of(NoticeKind.GENERAL, r, "two\nlines", "b", "k"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.of(NoticeKind.GENERAL, r, "s", "b", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.of(NoticeKind.GENERAL, r, "s", "x".repeat(Notice.MAX_BODY + 1), "k"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neitherNoticeNorAddresseePrintsPersonalData() {
        Notice n = Notice.of(NoticeKind.OVERDUE, Recipient.user("li.si"), "逾期：张三的信访事项", "张三 身份证 5101...",
                "overdue:1");
        assertThat(n.toString()).contains("OVERDUE", "user:li.si", "overdue:1").doesNotContain("张三");
        assertThat(new Addressee("li.si", "李四", "li.si@example.cn").toString()).doesNotContain("example.cn");
    }
}
