package org.lianxin.audit.internal;

import java.security.KeyPair;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.lianxin.audit.AuditCheckpoints;
import org.lianxin.audit.Checkpoint;
import org.lianxin.audit.CheckpointKeys;
import org.lianxin.audit.CheckpointStore;
import org.lianxin.audit.tsa.CheckpointTimestamps;
import org.lianxin.audit.tsa.TimestampAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link AuditCheckpoints} over {@code audit_entry} and {@code audit_checkpoint}. */
public final class JdbcCheckpoints implements AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(JdbcCheckpoints.class);
    /** How many of the latest checkpoints each call makes sure are in the store. */
    private static final int RESTORE_WINDOW = 100;

    private final JdbcClient jdbc;
    private final CheckpointStore store;
    private final KeyPair key;
    private final String keyId;
    private final Clock clock;
    private final TimestampAuthority tsa;

    public JdbcCheckpoints(DataSource dataSource, CheckpointStore store, KeyPair key, Clock clock) {
        this(dataSource, store, key, clock, null);
    }

    /** @param tsa the RFC 3161 authority that timestamps each checkpoint, or {@code null} for none */
    public JdbcCheckpoints(DataSource dataSource, CheckpointStore store, KeyPair key, Clock clock,
                           TimestampAuthority tsa) {
        this.jdbc = JdbcClient.create(dataSource);
        this.store = store;
        this.key = key;
        this.keyId = CheckpointKeys.keyId(key.getPublic());
        this.clock = clock;
        this.tsa = tsa;
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint() {
        Optional<Checkpoint> made = sign();
        putMissing();
        return made;
    }

    private Optional<Checkpoint> sign() {
        Optional<Head> head = jdbc.sql("select seq, hash from audit_entry order by seq desc fetch first 1 rows only")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Long last = jdbc.sql("select max(seq) from audit_checkpoint").query(Long.class).optional().orElse(null);
        if (last != null && last >= head.get().seq()) {
            return Optional.empty();
        }
        Checkpoint cp = Checkpoint.sign(head.get().seq(), head.get().hash(), clock.instant(), key.getPrivate(), keyId);
        try {
            jdbc.sql("insert into audit_checkpoint (seq, hash, at, key_id, signature) values (?, ?, ?, ?, ?)")
                    .params(cp.seq(), cp.hash(), OffsetDateTime.ofInstant(cp.at(), ZoneOffset.UTC), cp.keyId(),
                            cp.signature())
                    .update();
        } catch (DuplicateKeyException e) {
            return Optional.empty(); // another instance checkpointed the same head
        }
        log.info("audit checkpoint: entry {} hash {}", cp.seq(), cp.hash().substring(0, 16));
        return Optional.of(cp);
    }

    /** Puts the latest checkpoints that are not in the store yet (the one just made, or ones storage missed). */
    private void putMissing() {
        List<Checkpoint> recent = jdbc.sql("select seq, hash, at, key_id, signature from audit_checkpoint"
                        + " order by seq desc fetch first " + RESTORE_WINDOW + " rows only")
                .query((rs, n) -> CheckpointRows.read(rs)).list();
        if (recent.isEmpty()) {
            return;
        }
        try {
            Set<String> stored = new HashSet<>(store.list(Checkpoint.PREFIX));
            for (Checkpoint cp : recent) {
                if (!stored.contains(cp.objectName())) {
                    store.put(cp.objectName(), cp.toBytes());
                }
            }
        } catch (RuntimeException e) {
            log.warn("audit checkpoints not stored in {} yet (retried at the next checkpoint): {}", store.describe(),
                    e.toString());
            return;
        }
        if (tsa != null) {
            List<Checkpoint> oldestFirst = new java.util.ArrayList<>(recent);
            java.util.Collections.reverse(oldestFirst);
            try {
                CheckpointTimestamps.stampMissing(oldestFirst, store, tsa);
            } catch (RuntimeException e) {
                log.warn("audit checkpoints not timestamped yet (retried at the next checkpoint): {}", e.toString());
            }
        }
    }

    @Override
    public List<Checkpoint> all() {
        return CheckpointRows.all(jdbc);
    }

    private record Head(long seq, String hash) {
    }
}
