package org.lianxin.audit.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.AuditRecord;

/**
 * An archive object of the trail ({@code audit/archive/<from>-<to>.jsonl.gz}): gzip of one JSON object a line, one
 * line an entry in sequence order, with every field of the canonical form ({@link AuditCanonical}; {@code at} as it
 * is hashed) and the entry's {@code prevHash} and {@code hash}, so that the chain can be checked from the object alone.
 */
public final class ArchiveFile {

    public static final String PREFIX = "audit/archive/";
    private static final String[] KEYS = {"seq", "at", "username", "role", "officeId", "action", "objectType",
        "objectId", "outcome", "clientAddress", "requestId", "details", "prevHash", "hash"};

    private ArchiveFile() {
    }

    /** The object key of entries {@code from..to}, zero-padded so that the keys sort in sequence order. */
    public static String key(long from, long to) {
        return String.format("%s%019d-%019d.jsonl.gz", PREFIX, from, to);
    }

    public static byte[] write(List<AuditRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(512);
            for (AuditRecord r : records) {
                line.setLength(0);
                line.append("{\"seq\":").append(r.seq()).append(",\"at\":");
                Json.quote(line, AuditCanonical.time(r.at()));
                field(line, "username", r.username());
                field(line, "role", r.role());
                line.append(",\"officeId\":").append(r.officeId() == null ? "null" : r.officeId().toString());
                field(line, "action", r.action());
                field(line, "objectType", r.objectType());
                field(line, "objectId", r.objectId());
                field(line, "outcome", r.outcome());
                field(line, "clientAddress", r.clientAddress());
                field(line, "requestId", r.requestId());
                field(line, "details", r.details());
                field(line, "prevHash", r.prevHash());
                field(line, "hash", r.hash());
                out.append(line).append("}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append(",\"").append(key).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            Json.quote(line, value);
        }
    }

    /**
     * Each entry of an archive object, in order.
     *
     * @throws IllegalArgumentException if it is not an archive object (not gzip, a line not such an entry)
     */
    public static void read(byte[] object, Consumer<AuditRecord> each) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(object)), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                each.accept(record(Json.flatObject(line), n));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a gzip archive of the trail: " + e.getMessage(), e);
        }
    }

    /** All entries of an archive object (small objects and tests). */
    public static List<AuditRecord> readAll(byte[] object) {
        List<AuditRecord> all = new ArrayList<>();
        read(object, all::add);
        return all;
    }

    private static AuditRecord record(Map<String, String> f, int line) {
        if (!f.keySet().containsAll(List.of(KEYS))) {
            throw new IllegalArgumentException("line " + line + " is not an audit entry (fields " + f.keySet() + ")");
        }
        try {
            String office = f.get("officeId");
            return new AuditRecord(Long.parseLong(f.get("seq")), Instant.parse(f.get("at")), f.get("username"),
                    f.get("role"), office == null ? null : Long.valueOf(office), f.get("action"), f.get("objectType"),
                    f.get("objectId"), f.get("outcome"), f.get("clientAddress"), f.get("requestId"), f.get("details"),
                    f.get("prevHash"), f.get("hash"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + line + " is not an audit entry: " + e.getMessage(), e);
        }
    }
}
