/**
 * Supervision (督办): a leader's instructions at a reception, the items units must handle for a matter, their
 * deadlines, replies, acceptance, reminders, escalation, and the petitioner's evaluation of the result. Built on the
 * scheduler's offices, cases and bookings; knows nothing of WebRTC.
 */
package org.lianxin.supervision;
