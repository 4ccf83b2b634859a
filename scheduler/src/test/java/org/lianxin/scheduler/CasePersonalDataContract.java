package org.lianxin.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Full ID and phone numbers kept sealed and shown only to the roles that need them; on PostgreSQL and H2. */
abstract class CasePersonalDataContract {
    private SchedulerWorld w;
    private CasePersonalData numbers;
    private Cases cases;
    private JdbcClient sql;

    abstract DataSource freshDatabase();

    @BeforeEach
    void fileTheWorldsCases() {
        w = new SchedulerWorld(freshDatabase());
        numbers = w.scheduler.personalData();
        cases = w.scheduler.cases();
        sql = JdbcClient.create(w.dataSource);
    }

    private String column(String column, long caseId) {
        return sql.sql("select " + column + " from case_file where id = ?").param(caseId).query(String.class)
                .optional().orElse(null);
    }

    @Test
    void aCreatedCaseKeepsItsFullNumbersSealedAndShowsThemToItsScheduler() {
        String idSealed = column("id_sealed", w.jinjiangCase.id());
        String phoneSealed = column("phone_sealed", w.jinjiangCase.id());
        assertThat(idSealed).startsWith(PersonalDataCipher.PREFIX).doesNotContain(w.jinjiangCaseId.substring(6, 14));
        assertThat(phoneSealed).startsWith(PersonalDataCipher.PREFIX).doesNotContain("12345678");

        FullValue id = numbers.reveal(w.jinjiangStaff, w.jinjiangCase.id(), PersonalField.ID_NUMBER);
        assertThat(id.value()).isEqualTo(w.jinjiangCaseId);
        assertThat(id.masked()).isEqualTo(w.jinjiangCase.idMasked());
        assertThat(id.toString()).doesNotContain(w.jinjiangCaseId);
        FullValue phone = numbers.reveal(w.chengduStaff, w.jinjiangCase.id(), PersonalField.PHONE);
        assertThat(phone.value()).isEqualTo("13812345678");
        assertThat(phone.stored()).isTrue();
    }

    @Test
    void theLeaderAndOfficialOfTheSubtreeMaySeeThemAndNoOtherRole() {
        Actor leader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        Actor official = new Actor("jinjiang.official", Role.OFFICIAL, w.jinjiang.id(), null);
        assertThat(numbers.reveal(leader, w.jinjiangCase.id(), PersonalField.ID_NUMBER).value())
                .isEqualTo(w.jinjiangCaseId);
        assertThat(numbers.reveal(official, w.jinjiangCase.id(), PersonalField.PHONE).value())
                .isEqualTo("13812345678");
        for (Role role : List.of(Role.ADMIN, Role.REVIEWER, Role.AUDITOR, Role.SECURITY_ADMIN)) {
            Actor refused = new Actor("jinjiang." + role, role, w.jinjiang.id(), null);
            assertThatThrownBy(() -> numbers.reveal(refused, w.jinjiangCase.id(), PersonalField.ID_NUMBER))
                    .as(role.name()).isInstanceOf(OutOfJurisdiction.class)
                    .hasMessageContaining("may not see full ID or phone numbers");
        }
        Actor evaluator = new Actor("ev.wang", Role.EVALUATOR, w.province.id(), null);
        assertThatThrownBy(() -> numbers.reveal(evaluator, w.jinjiangCase.id(), PersonalField.PHONE))
                .isInstanceOf(OutOfJurisdiction.class);
    }

    @Test
    void anotherJurisdictionIsRefusedAsAnyReadOfTheCaseAndAMissingCaseIsNotFound() {
        assertThatThrownBy(() -> numbers.reveal(w.fuchengStaff, w.jinjiangCase.id(), PersonalField.ID_NUMBER))
                .isInstanceOf(OutOfJurisdiction.class).hasMessageContaining("outside the jurisdiction");
        assertThatThrownBy(() -> cases.get(w.fuchengStaff, w.jinjiangCase.id()))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> numbers.reveal(w.jinjiangStaff, 999_999, PersonalField.PHONE))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aCaseWithoutAPhoneOrWrittenBeforeSealingSaysNotStored() {
        FullValue phone = numbers.reveal(w.fuchengStaff, w.fuchengCase.id(), PersonalField.PHONE);
        assertThat(phone.stored()).isFalse();
        assertThat(phone.masked()).isNull();
        sql.sql("update case_file set id_sealed = null where id = ?").param(w.fuchengCase.id()).update(); // as before V25
        FullValue id = numbers.reveal(w.fuchengStaff, w.fuchengCase.id(), PersonalField.ID_NUMBER);
        assertThat(id.stored()).isFalse();
        assertThat(id.masked()).isEqualTo(w.fuchengCase.idMasked());

        // a wrong number stores nothing; the petitioner's confirmed number is stored from then on
        assertThat(cases.identityMatches(w.fuchengCase.id(), IdNumbers.valid("510703", 78))).isFalse();
        assertThat(column("id_sealed", w.fuchengCase.id())).isNull();
        String confirmed = IdNumbers.valid("510703", 77);
        assertThat(cases.identityMatches(w.fuchengCase.id(), confirmed.toLowerCase())).isTrue();
        assertThat(numbers.reveal(w.fuchengStaff, w.fuchengCase.id(), PersonalField.ID_NUMBER).value())
                .isEqualTo(confirmed);
    }

    @Test
    void theUpsertAndTheImportSealTooAndAValueMovedToAnotherFieldDoesNotOpen() {
        String newId = IdNumbers.valid("510104", 4321);
        CaseUpsert u = cases.upsert(w.jinjiangStaff, new NewCase("SC-2026-000101", "张三", newId, "139 0000 1111",
                "拆迁补偿", "HOUSING", "510104"));
        assertThat(u.created()).isFalse();
        assertThat(numbers.reveal(w.jinjiangStaff, u.caseFile().id(), PersonalField.ID_NUMBER).value())
                .isEqualTo(newId);
        assertThat(numbers.reveal(w.jinjiangStaff, u.caseFile().id(), PersonalField.PHONE).value())
                .isEqualTo("13900001111");
        String otherId = IdNumbers.valid("510104", 99);
        assertThat(cases.importAll(w.jinjiangStaff, List.of(new NewCase("SC-2026-000301", "赵六", otherId, null,
                "其他", "OTHER", "510104"))).created()).isEqualTo(1);
        CaseFile imported = cases.byNumber(w.jinjiangStaff, "SC-2026-000301").orElseThrow();
        assertThat(numbers.reveal(w.jinjiangStaff, imported.id(), PersonalField.ID_NUMBER).value())
                .isEqualTo(otherId);

        sql.sql("update case_file set phone_sealed = id_sealed where id = ?").param(imported.id()).update();
        assertThatThrownBy(() -> numbers.reveal(w.jinjiangStaff, imported.id(), PersonalField.PHONE))
                .isInstanceOf(PersonalDataCipher.Unreadable.class).hasMessageNotContaining(otherId);
    }
}
