/**
 * The audit trail (issue 13): one port, {@link org.lianxin.audit.Audit#record}, that every sensitive action goes
 * through; entries are append-only and form one SHA-256 hash chain ({@link org.lianxin.audit.AuditCanonical} defines
 * the bytes that are hashed); {@link org.lianxin.audit.AuditCheckpoints} signs the chain's head with Ed25519 and
 * keeps each checkpoint in the database and, through {@link org.lianxin.audit.CheckpointStore}, outside it;
 * {@link org.lianxin.audit.AuditVerifier} walks the chain and the checkpoints. The implementation is in
 * {@code internal}; this module depends on no other Lianxin module.
 */
package org.lianxin.audit;
