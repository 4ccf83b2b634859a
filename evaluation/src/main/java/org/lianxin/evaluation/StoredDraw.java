package org.lianxin.evaluation;

import java.time.Instant;

/** A draw as stored: everything needed to re-run it ({@link #inputs()}, {@link #seedHex()}) and its outcome. */
public record StoredDraw(long id, DrawInputs inputs, String algorithm, String seedHex, String inputsHash,
        DrawResult result, String drawnBy, Instant drawnAt) {
}
