package org.lianxin.recording;

import java.io.IOException;
import java.io.InputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link Manifest} as JSON (UTF-8, indented, times as ISO-8601 strings such as
 * {@code 2026-11-27T10:15:30.123Z}). Unknown fields are ignored when reading (a newer writer may add
 * some); a document whose {@code format} is not {@link Manifest#FORMAT} is refused.
 */
public final class ManifestCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestCodec() {
    }

    public static byte[] write(Manifest manifest) {
        return JSON.writeValueAsBytes(manifest);
    }

    /** @throws IllegalArgumentException if the bytes are not a manifest of this format */
    public static Manifest read(byte[] json) {
        try {
            return check(JSON.readValue(json, Manifest.class));
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads a manifest from {@code in} (to its end; the caller closes it).
     *
     * @throws IllegalArgumentException if the bytes are not a manifest of this format
     * @throws IOException              if the stream fails
     */
    public static Manifest read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    private static Manifest check(Manifest m) {
        if (m == null) {
            throw new IllegalArgumentException("not a manifest: empty document");
        }
        if (!Manifest.FORMAT.equals(m.format())) {
            throw new IllegalArgumentException("not a manifest of format " + Manifest.FORMAT + ": format is "
                    + m.format());
        }
        return m;
    }

    private static IllegalArgumentException unreadable(JacksonException e) {
        return new IllegalArgumentException("not a readable manifest: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr()), e);
    }
}
