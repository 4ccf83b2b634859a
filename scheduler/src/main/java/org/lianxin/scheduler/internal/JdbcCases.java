package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseUpsert;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.ImportResult;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.PersonalField;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

final class JdbcCases implements Cases {
    static final RowMapper<CaseFile> ROW = (rs, n) -> new CaseFile(rs.getLong("id"), rs.getString("case_number"),
            rs.getString("petitioner_name"), rs.getString("id_masked"), rs.getString("phone_masked"),
            rs.getString("subject"), rs.getString("category"), rs.getLong("office_id"),
            CaseStatus.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"));
    private static final int MAX_IMPORT = 10_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Access access;
    private final JdbcOffices offices;
    private final IdentityHasher hasher;
    private final SealedPersonalData sealer;
    private final Clock clock;

    JdbcCases(JdbcClient jdbc, TransactionTemplate tx, Access access, JdbcOffices offices, IdentityHasher hasher,
              SealedPersonalData sealer, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.offices = offices;
        this.hasher = hasher;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** A checked row, ready to insert: the ID number hashed, masked and sealed; the phone masked and sealed. */
    private record Prepared(NewCase source, long officeId, String idHash, String salt, String link, String idMasked,
                            String phoneMasked, String idSealed, String phoneSealed) {
    }

    @Override
    public CaseFile create(Actor actor, NewCase c) {
        access.requireRole(actor, "create case files", Role.ADMIN, Role.SCHEDULER);
        Prepared p = prepare(actor, c);
        try {
            return tx.execute(s -> {
                requireNumberFree(c.caseNumber().trim());
                return get(actor, insert(p));
            });
        } catch (DuplicateKeyException e) { // a concurrent insert of the same number won the unique index
            throw new Conflict("case-number-taken", "case number " + c.caseNumber().trim() + " already exists");
        }
    }

    @Override
    public ImportResult importAll(Actor actor, List<NewCase> cases) {
        access.requireRole(actor, "import case files", Role.ADMIN, Role.SCHEDULER);
        if (cases.size() > MAX_IMPORT) {
            return new ImportResult(0, List.of(new ImportResult.RowError(0, "import-too-large",
                    "at most " + MAX_IMPORT + " cases per import")));
        }
        List<ImportResult.RowError> errors = new ArrayList<>();
        List<Prepared> ready = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            NewCase c = cases.get(i);
            try {
                Prepared p = prepare(actor, c);
                if (!numbers.add(c.caseNumber().trim())) {
                    throw new Conflict("case-number-taken", "case number " + c.caseNumber() + " appears twice");
                }
                ready.add(p);
            } catch (SchedulerException e) {
                errors.add(new ImportResult.RowError(i + 1, e.rule(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) return new ImportResult(0, errors);
        int[] row = {0};
        try {
            tx.executeWithoutResult(s -> {
                for (Prepared p : ready) {
                    row[0]++;
                    requireNumberFree(p.source().caseNumber().trim());
                    insert(p);
                }
            });
        } catch (Conflict e) {
            return new ImportResult(0, List.of(new ImportResult.RowError(row[0], e.rule(), e.getMessage())));
        } catch (DuplicateKeyException e) {
            return new ImportResult(0, List.of(new ImportResult.RowError(row[0], "case-number-taken",
                    "case number " + ready.get(row[0] - 1).source().caseNumber().trim() + " already exists")));
        }
        return new ImportResult(ready.size(), List.of());
    }

    @Override
    public CaseUpsert upsert(Actor actor, NewCase c) {
        access.requireRole(actor, "create case files", Role.ADMIN, Role.SCHEDULER);
        Prepared p = prepare(actor, c);
        String number = c.caseNumber().trim();
        for (int attempt = 0; ; attempt++) {
            try {
                return tx.execute(s -> {
                    Optional<Long> id = jdbc.sql("select id from case_file where case_number = ? for update")
                            .param(number).query(Long.class).optional();
                    if (id.isEmpty()) return new CaseUpsert(get(actor, insert(p)), true);
                    access.requireSees(actor, find(id.get()).officeId(), "case " + number);
                    jdbc.sql("update case_file set petitioner_name = ?, id_hash = ?, id_salt = ?, petitioner_link = ?,"
                                    + " id_masked = ?, phone_masked = ?, id_sealed = ?, phone_sealed = ?, subject = ?,"
                                    + " category = ?, office_id = ? where id = ?")
                            .params(c.petitionerName().trim(), p.idHash(), p.salt(), p.link(), p.idMasked(),
                                    p.phoneMasked(), p.idSealed(), p.phoneSealed(), c.subject().trim(),
                                    c.category().trim(), p.officeId(), id.get())
                            .update();
                    return new CaseUpsert(get(actor, id.get()), false);
                });
            } catch (DuplicateKeyException e) { // created by a concurrent request meanwhile: update it now
                if (attempt > 0) throw new Conflict("case-number-taken", "case number " + number + " changed meanwhile");
            }
        }
    }

    @Override
    public CaseFile get(Actor actor, long caseId) {
        CaseFile c = find(caseId);
        access.requireSees(actor, c.officeId(), "case " + caseId);
        return c;
    }

    CaseFile find(long caseId) {
        return jdbc.sql("select * from case_file where id = ?").param(caseId).query(ROW).optional()
                .orElseThrow(() -> new NotFound("case", caseId));
    }

    @Override
    public Optional<CaseFile> byNumber(Actor actor, String caseNumber) {
        return jdbc.sql("select * from case_file where case_number = ?").param(caseNumber == null ? "" : caseNumber.trim())
                .query(ROW).optional().filter(c -> access.sees(actor, c.officeId()));
    }

    @Override
    public List<CaseFile> search(Actor actor, String query, int limit) {
        Office mine = offices.get(actor.officeId());
        String q = "%" + (query == null ? "" : query.trim().replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_")) + "%";
        return jdbc.sql("select c.* from case_file c join office o on o.id = c.office_id where o.path like ? "
                        + "and (c.case_number like ? escape '\\' or c.petitioner_name like ? escape '\\' "
                        + "or c.subject like ? escape '\\') order by c.created_at desc, c.id desc "
                        + "fetch first " + Math.max(1, Math.min(limit, 200)) + " rows only")
                .params(mine.path() + "%", q, q, q).query(ROW).list();
    }

    @Override
    public CaseFile setStatus(Actor actor, long caseId, CaseStatus status) {
        access.requireRole(actor, "change a case's status", Role.ADMIN, Role.SCHEDULER, Role.LEADER);
        get(actor, caseId);
        jdbc.sql("update case_file set status = ? where id = ?").params(status.name(), caseId).update();
        return get(actor, caseId);
    }

    /**
     * Also links a case filed before petitioner links existed, and stores the full number (sealed) of a case filed
     * before full numbers were kept, once its number was confirmed.
     */
    @Override
    public boolean identityMatches(long caseId, String idNumber) {
        boolean[] unlinked = {false};
        boolean[] unsealed = {false};
        boolean matches = jdbc.sql("select id_salt, id_hash, petitioner_link, id_sealed from case_file where id = ?")
                .param(caseId)
                .query((rs, n) -> {
                    unlinked[0] = rs.getString("petitioner_link") == null;
                    unsealed[0] = rs.getString("id_sealed") == null;
                    return hasher.matches(rs.getString("id_salt"), rs.getString("id_hash"), idNumber);
                })
                .optional().orElseThrow(() -> new NotFound("case", caseId));
        if (matches && unlinked[0]) {
            jdbc.sql("update case_file set petitioner_link = ? where id = ? and petitioner_link is null")
                    .params(hasher.link(IdentityHasher.normalize(idNumber)), caseId).update();
        }
        if (matches && unsealed[0]) {
            jdbc.sql("update case_file set id_sealed = ? where id = ? and id_sealed is null")
                    .params(sealer.seal(PersonalField.ID_NUMBER, IdentityHasher.normalize(idNumber)), caseId).update();
        }
        return matches;
    }

    @Override
    public List<CaseFile> samePetitioner(long caseId) {
        find(caseId);
        return jdbc.sql("select c.* from case_file c join case_file me on me.petitioner_link = c.petitioner_link "
                        + "where me.id = ? and c.id <> me.id order by c.created_at, c.id")
                .param(caseId).query(ROW).list();
    }

    private Prepared prepare(Actor actor, NewCase c) {
        if (c == null) throw new RuleViolation("case-invalid", "empty case");
        requireText(c.caseNumber(), 64, "case number", "caseNumber");
        requireText(c.petitionerName(), 100, "petitioner name", "petitionerName");
        requireText(c.subject(), 500, "subject", "subject");
        requireText(c.category(), 64, "category", "category");
        requireText(c.officeCode(), 32, "office code", "officeCode");
        Office office = offices.byCode(c.officeCode().trim());
        access.requireSees(actor, office.id(), "office " + office.code());
        String id = IdentityHasher.normalize(c.idNumber());
        byte[] salt = Tokens.salt();
        String phone = IdentityHasher.normalizePhone(c.phone());
        return new Prepared(c, office.id(), hasher.hash(salt, id), HexFormat.of().formatHex(salt), hasher.link(id),
                IdentityHasher.mask(id), IdentityHasher.maskPhone(c.phone()), sealer.seal(PersonalField.ID_NUMBER, id),
                sealer.seal(PersonalField.PHONE, phone));
    }

    private static void requireText(String value, int max, String what, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation("case-invalid", what + " is required", Map.of("field", field));
        }
        if (value.trim().length() > max) {
            throw new RuleViolation("case-invalid", what + " is longer than " + max + " characters",
                    Map.of("field", field, "max", max));
        }
    }

    private void requireNumberFree(String number) {
        if (jdbc.sql("select count(*) from case_file where case_number = ?").param(number).query(Long.class)
                .single() > 0) {
            throw new Conflict("case-number-taken", "case number " + number + " already exists");
        }
    }

    private long insert(Prepared p) {
        NewCase c = p.source();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into case_file (case_number, petitioner_name, id_hash, id_salt, petitioner_link, id_masked, "
                        + "phone_masked, id_sealed, phone_sealed, subject, category, office_id, status, created_at) "
                        + "values (?,?,?,?,?,?,?,?,?,?,?,?,'OPEN',?)")
                .params(c.caseNumber().trim(), c.petitionerName().trim(), p.idHash(), p.salt(), p.link(), p.idMasked(),
                        p.phoneMasked(), p.idSealed(), p.phoneSealed(), c.subject().trim(), c.category().trim(),
                        p.officeId(),
                        Sql.ts(clock.instant()))
                .update(key, "id");
        return key.getKey().longValue();
    }
}
