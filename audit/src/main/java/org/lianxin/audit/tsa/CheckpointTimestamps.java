package org.lianxin.audit.tsa;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.lianxin.audit.AuditCanonical;
import org.lianxin.audit.Checkpoint;
import org.lianxin.audit.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3161 timestamps of the checkpoints: a token over the SHA-256 of a checkpoint's signed bytes
 * ({@link AuditCanonical#checkpoint}), kept beside it in the store as {@code audit/timestamps/<seq, 19 digits>.tst}.
 * A checkpoint without one (the TSA was away) gets it at the next checkpoint; a TSA that is away never stops a
 * checkpoint.
 */
public final class CheckpointTimestamps {
    private static final Logger log = LoggerFactory.getLogger(CheckpointTimestamps.class);

    public static final String PREFIX = "audit/timestamps/";

    private CheckpointTimestamps() {
    }

    public static String objectName(Checkpoint cp) {
        return PREFIX + String.format("%019d", cp.seq()) + ".tst";
    }

    /** The digest a checkpoint's token must carry. */
    public static byte[] imprint(Checkpoint cp) {
        return java.util.HexFormat.of().parseHex(AuditCanonical.sha256(
                AuditCanonical.checkpoint(cp.seq(), cp.hash(), cp.at(), cp.keyId())));
    }

    /** Asks {@code tsa} for a token of each of {@code checkpoints} not timestamped in {@code store} yet. */
    public static void stampMissing(List<Checkpoint> checkpoints, CheckpointStore store, TimestampAuthority tsa) {
        Set<String> stamped = new HashSet<>(store.list(PREFIX));
        for (Checkpoint cp : checkpoints) {
            String name = objectName(cp);
            if (stamped.contains(name)) {
                continue;
            }
            try {
                store.put(name, tsa.stamp(imprint(cp)));
                log.info("audit checkpoint {} timestamped by {}", cp.seq(), tsa.describe());
            } catch (IOException | RuntimeException e) {
                log.warn("audit checkpoint {} not timestamped by {} (tried again at the next checkpoint): {}",
                        cp.seq(), tsa.describe(), e.getMessage());
                return; // the TSA is away: the rest waits for the next checkpoint too
            }
        }
    }

    /**
     * Why {@code cp}'s stored token is not valid, or empty when it is: its imprint is SHA-256 of the checkpoint's
     * signed bytes, and it is signed by the TSA whose certificate is {@code tsa}.
     */
    public static Optional<String> problem(Checkpoint cp, byte[] token, X509Certificate tsa) {
        TimeStampToken t;
        try {
            t = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            return Optional.of("is not an RFC 3161 timestamp token (" + e.getMessage() + ")");
        }
        if (!NISTObjectIdentifiers.id_sha256.equals(t.getTimeStampInfo().getMessageImprintAlgOID())
                || !Arrays.equals(t.getTimeStampInfo().getMessageImprintDigest(), imprint(cp))) {
            return Optional.of("does not stamp this checkpoint (its message imprint is another digest)");
        }
        try {
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(tsa);
            t.validate(verifier);
        } catch (TSPException | OperatorCreationException | RuntimeException e) {
            return Optional.of("is not signed by the configured TSA certificate ("
                    + tsa.getSubjectX500Principal().getName() + "): " + e.getMessage());
        }
        return Optional.empty();
    }
}
