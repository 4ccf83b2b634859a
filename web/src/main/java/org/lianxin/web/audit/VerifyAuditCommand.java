package org.lianxin.web.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.Map;

import org.lianxin.audit.AuditVerifier;
import org.lianxin.audit.CheckpointKeys;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.recording.verify.VerifyRecordingCommand;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code ./lianxin verify-audit [--public-key FILE] [--archives] [--tsa-certificate PEM]}: walks the audit trail and its checkpoints
 * ({@link AuditVerifier}) and prints {@code OK} with the counts, or one line per problem, the first broken entry
 * first. The walk starts at the archive boundary (entries archived by the retention); with {@code --archives} it
 * also reads every archive object and checks its SHA-256 and chain; with a TSA certificate ({@code --tsa-certificate}
 * or {@code $LIANXIN_AUDIT_TSACERTIFICATE}) it checks the checkpoints' RFC 3161 timestamps. It reads, never writes.
 * <ul>
 * <li>Database: {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD} as for the application; unset:
 * the H2 file of {@code ./lianxin up} under {@code $LIANXIN_DATA_DIR/db} (default {@code ./data}), which only one
 * process opens at a time: stop the app first.</li>
 * <li>Checkpoints outside the database: the recordings' store, named as for {@code verify-recording}
 * ({@code LIANXIN_RECORDING_STORAGE_*}).</li>
 * <li>Public key: {@code --public-key FILE} (PEM, e.g. from {@code GET /api/v1/audit/public-key}); else
 * {@code $LIANXIN_AUDIT_KEY_FILE.pub}; else {@code $LIANXIN_DATA_DIR/audit-checkpoint.key.pub}.</li>
 * </ul>
 * Exit status: 0 intact, 1 problems found, 2 usage or configuration error, database or storage unreachable. Never
 * prints a password or a stack trace.
 */
public final class VerifyAuditCommand {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int ERROR = 2;

    private VerifyAuditCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command without {@code System.exit}, for tests. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path keyFile = null;
        boolean archives = false;
        Path tsaFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length && keyFile == null) {
                keyFile = Path.of(args[++i]);
            } else if (args[i].equals("--tsa-certificate") && i + 1 < args.length && tsaFile == null) {
                tsaFile = Path.of(args[++i]);
            } else if (args[i].equals("--archives") && !archives) {
                archives = true;
            } else {
                err.println("usage: verify-audit [--public-key FILE] [--archives] [--tsa-certificate PEM]   (FILE: the"
                        + " checkpoints' public key, PEM; --archives: also read every archive object and check its"
                        + " SHA-256 and chain; PEM: the RFC 3161 TSA's certificate, to check the checkpoints'"
                        + " timestamps)");
                return ERROR;
            }
        }
        if (keyFile == null) {
            keyFile = defaultKey(env);
        }
        if (tsaFile == null && blankToNull(env.get("LIANXIN_AUDIT_TSACERTIFICATE")) != null) {
            tsaFile = Path.of(env.get("LIANXIN_AUDIT_TSACERTIFICATE").strip());
        }
        java.security.cert.X509Certificate tsa = null;
        if (tsaFile != null) {
            try (java.io.InputStream in = Files.newInputStream(tsaFile)) {
                tsa = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
            } catch (IOException | java.security.cert.CertificateException | ClassCastException e) {
                err.println("verify-audit: the TSA certificate " + tsaFile.toAbsolutePath() + " cannot be read: "
                        + e.getMessage());
                return ERROR;
            }
        }
        PublicKey key;
        try {
            if (!Files.isRegularFile(keyFile)) {
                err.println("verify-audit: no public key " + keyFile.toAbsolutePath()
                        + " (give --public-key FILE, e.g. from GET /api/v1/audit/public-key)");
                return ERROR;
            }
            key = CheckpointKeys.readPublic(keyFile);
        } catch (IOException e) {
            err.println("verify-audit: " + e.getMessage());
            return ERROR;
        }
        ObjectStore store;
        try {
            store = VerifyRecordingCommand.storeFrom(env);
        } catch (IllegalArgumentException | StorageException e) {
            err.println("verify-audit: bad storage configuration: " + e.getMessage());
            return ERROR;
        }
        DriverManagerDataSource db = dataSource(env);
        AuditVerifier.Result result;
        try {
            result = new AuditVerifier(db, new ObjectStoreCheckpoints(store), key).timestamps(tsa).verify(archives);
        } catch (SQLException | org.springframework.dao.DataAccessException e) {
            err.println("verify-audit: database " + db.getUrl().replaceAll("[?;].*", "") + ": " + rootMessage(e));
            return ERROR;
        } catch (StorageException e) {
            err.println("verify-audit: storage " + store.describe() + " failed: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            err.println("verify-audit: unexpected failure: " + rootMessage(e));
            return ERROR;
        }
        String counts = result.entries() + " entries, " + result.checkpoints() + " checkpoints (" + result.storedCheckpoints()
                + " in " + store.describe() + "), " + result.unattested() + " entries after the last checkpoint"
                + (result.archives() == 0 ? "" : "; entries 1.." + result.archivedUpTo() + " archived in "
                + result.archives() + " objects" + (archives ? " (" + result.archivedEntriesRead() + " entries read and"
                + " checked)" : " (not read: --archives)"))
                + (tsa == null ? "" : "; " + result.timestamped() + " checkpoints with a valid RFC 3161 timestamp, "
                + result.notTimestamped() + " without");
        if (result.ok()) {
            out.println("OK audit trail: " + counts
                    + (result.notStored() > 0 ? "; " + result.notStored() + " checkpoints not yet in storage" : ""));
            return OK;
        }
        for (AuditVerifier.Problem p : result.problems()) {
            out.println(p.message());
        }
        err.println("audit trail: " + result.problems().size() + " problem(s); " + counts);
        return PROBLEMS;
    }

    private static Path defaultKey(Map<String, String> env) {
        String configured = blankToNull(env.get("LIANXIN_AUDIT_KEY_FILE"));
        if (configured != null) {
            return CheckpointKeys.publicFileOf(Path.of(configured));
        }
        String data = blankToNull(env.get("LIANXIN_DATA_DIR"));
        return CheckpointKeys.publicFileOf(Path.of(data == null ? "./data" : data, AuditConfiguration.KEY_FILE));
    }

    static DriverManagerDataSource dataSource(Map<String, String> env) {
        String url = blankToNull(env.get("SPRING_DATASOURCE_URL"));
        DriverManagerDataSource ds = new DriverManagerDataSource();
        if (url == null) {
            String data = blankToNull(env.get("LIANXIN_DATA_DIR"));
            Path db = Path.of(data == null ? "./data" : data, "db", "lianxin").toAbsolutePath();
            // IFEXISTS: a wrong folder is an error, not a new empty database
            ds.setUrl("jdbc:h2:file:" + db + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
            ds.setUsername("sa");
            ds.setPassword("");
        } else {
            ds.setUrl(url);
            ds.setUsername(env.getOrDefault("SPRING_DATASOURCE_USERNAME", ""));
            ds.setPassword(env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        }
        return ds;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
