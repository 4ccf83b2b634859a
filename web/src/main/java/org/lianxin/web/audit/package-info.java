/**
 * Shared: the audit trail's wiring ({@link org.lianxin.web.audit.AuditConfiguration}: the port, the checkpoint key,
 * checkpoints into the recordings' object store, the checkpoints' schedule), the request id of every request
 * ({@link org.lianxin.web.audit.RequestIds}), and what is audited for every feature in one place: logins
 * ({@link org.lianxin.web.audit.LoginAudit}), refusals and changes made through the API
 * ({@link org.lianxin.web.audit.RequestAudit}). A feature that knows more (the recording's viewings) records through
 * {@link org.lianxin.web.audit.AuditTrail}.
 */
package org.lianxin.web.audit;
