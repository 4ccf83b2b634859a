package org.lianxin.recording.verify;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.S3Settings;
import org.lianxin.recording.storage.StorageException;

/**
 * {@code ./lianxin verify-recording <id>}: checks a stored recording against its manifest
 * ({@link RecordingVerifier}) and prints the result. Storage comes from the environment, named like the
 * application's keys ({@code lianxin.recording.storage.*}):
 * <ul>
 *   <li>{@code LIANXIN_RECORDING_STORAGE_TYPE}: {@code local} (default) or {@code s3}</li>
 *   <li>{@code LIANXIN_RECORDING_STORAGE_LOCAL_DIR}: default {@code $LIANXIN_DATA_DIR/recordings}
 *       ({@code LIANXIN_DATA_DIR} default {@code ./data})</li>
 *   <li>{@code LIANXIN_RECORDING_STORAGE_S3_ENDPOINT}, {@code _REGION}, {@code _BUCKET}, {@code _ACCESS_KEY},
 *       {@code _SECRET_KEY}</li>
 * </ul>
 * With {@code --manifest-sha256 HEX} (the recording's {@code manifestSha256} from the API or the catalog, kept
 * apart from storage) the manifest itself is checked too, so that a consistent rewrite of storage is found.
 * Exit status: 0 intact, 1 problems found (one line each), 2 usage or configuration error or storage
 * unreachable. Never prints the secret key or a stack trace.
 */
public final class VerifyRecordingCommand {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int ERROR = 2;

    private VerifyRecordingCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command without {@code System.exit}, for tests. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String expectedSha = null;
        if (args.length == 3 && args[1].equals("--manifest-sha256") && args[2].matches("[0-9a-fA-F]{64}")) {
            expectedSha = args[2].toLowerCase(java.util.Locale.ROOT);
        } else if (args.length != 1) {
            args = new String[0];
        }
        if (args.length == 0 || !args[0].matches("[0-9]{1,18}")) {
            err.println("usage: verify-recording <id> [--manifest-sha256 <64 hex digits>]   (id: the recording's number;"
                    + " the SHA-256 as the catalog recorded it)");
            return ERROR;
        }
        long id = Long.parseLong(args[0]);
        ObjectStore store;
        try {
            store = storeFrom(env);
        } catch (IllegalArgumentException | StorageException e) {
            err.println("verify-recording: bad storage configuration: " + e.getMessage());
            return ERROR;
        }
        RecordingVerifier.Result result;
        try {
            result = new RecordingVerifier(store).verify(id, new RecordingVerifier.Expected(expectedSha, null));
        } catch (StorageException e) {
            err.println("verify-recording: storage " + store.describe() + " failed: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            err.println("verify-recording: unexpected failure: " + e);
            return ERROR;
        }
        if (result.ok()) {
            var m = result.manifest().orElseThrow();
            String head = m.chainHead() == null ? "(none)" : m.chainHead().substring(0, Math.min(16, m.chainHead().length()));
            out.println("OK recording " + id + ": " + m.segments().size() + " segments, chain head " + head
                    + (expectedSha != null ? ", manifest as the catalog recorded it" : ""));
            return OK;
        }
        for (RecordingVerifier.Problem p : result.problems()) {
            out.println(p.describe());
        }
        err.println("recording " + id + ": " + result.problems().size() + " problem(s) in " + store.describe());
        return PROBLEMS;
    }

    /** The recordings' store the environment names (also for {@code verify-audit}, whose checkpoints are there). */
    public static ObjectStore storeFrom(Map<String, String> env) {
        String type = env.getOrDefault("LIANXIN_RECORDING_STORAGE_TYPE", "local").strip().toLowerCase();
        switch (type) {
            case "", "local" -> {
                String dir = blankToNull(env.get("LIANXIN_RECORDING_STORAGE_LOCAL_DIR"));
                if (dir == null) {
                    String data = blankToNull(env.get("LIANXIN_DATA_DIR"));
                    dir = Path.of(data == null ? "./data" : data, "recordings").toString();
                }
                if (!java.nio.file.Files.isDirectory(Path.of(dir))) {
                    // do not let the adapter create an empty folder: a wrong path is an error here
                    throw new IllegalArgumentException("no recordings folder " + Path.of(dir).toAbsolutePath()
                            + " (set LIANXIN_RECORDING_STORAGE_LOCAL_DIR or LIANXIN_DATA_DIR)");
                }
                return ObjectStores.local(Path.of(dir));
            }
            case "s3" -> {
                List<String> missing = new ArrayList<>();
                String endpoint = required(env, "LIANXIN_RECORDING_STORAGE_S3_ENDPOINT", missing);
                String bucket = required(env, "LIANXIN_RECORDING_STORAGE_S3_BUCKET", missing);
                String access = required(env, "LIANXIN_RECORDING_STORAGE_S3_ACCESS_KEY", missing);
                String secret = required(env, "LIANXIN_RECORDING_STORAGE_S3_SECRET_KEY", missing);
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("storage type s3 needs " + String.join(", ", missing));
                }
                URI uri;
                try {
                    uri = new URI(endpoint);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("LIANXIN_RECORDING_STORAGE_S3_ENDPOINT is not a URL: " + endpoint);
                }
                return ObjectStores.s3(new S3Settings(uri, env.get("LIANXIN_RECORDING_STORAGE_S3_REGION"), bucket,
                        access, secret));
            }
            default -> throw new IllegalArgumentException(
                    "LIANXIN_RECORDING_STORAGE_TYPE must be local or s3, was " + type);
        }
    }

    private static String required(Map<String, String> env, String name, List<String> missing) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            missing.add(name);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
