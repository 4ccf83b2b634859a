package org.lianxin.audit.tsa;

import java.io.IOException;

/** A trusted timestamp authority (RFC 3161): a signed token stating that a digest existed at a time. */
public interface TimestampAuthority {

    /**
     * A timestamp token (DER, RFC 3161 {@code TimeStampToken}) over {@code sha256}.
     *
     * @throws IOException if the authority cannot be reached or answers no valid token for this request
     */
    byte[] stamp(byte[] sha256) throws IOException;

    /** For messages: the authority's address; never a secret. */
    String describe();
}
