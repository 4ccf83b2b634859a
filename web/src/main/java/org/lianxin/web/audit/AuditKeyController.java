package org.lianxin.web.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.lianxin.audit.CheckpointKeys;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public key of the audit checkpoints, for anyone who verifies them (no login needed; it is public): PEM
 * (X.509 SubjectPublicKeyInfo, Ed25519), its id (SHA-256 of the key) in {@code X-Audit-Key-Id}. The same key is in
 * the file beside the private key ({@code audit-checkpoint.key.pub} in the data folder).
 */
@Tag(name = "Audit")
@RestController
class AuditKeyController {
    static final String PATH = "/api/v1/audit/public-key";

    private final AuditConfiguration.CheckpointKey key;

    AuditKeyController(AuditConfiguration.CheckpointKey key) {
        this.key = key;
    }

    @Operation(summary = "Get the public key that verifies the audit log's signatures (PEM)")
    @GetMapping(value = PATH, produces = {"application/x-pem-file", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok()
                .header("X-Audit-Key-Id", CheckpointKeys.keyId(key.pair().getPublic()))
                .body(CheckpointKeys.publicPem(key.pair().getPublic()));
    }
}
