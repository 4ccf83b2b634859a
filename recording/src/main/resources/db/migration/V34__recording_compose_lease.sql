-- Review files composed on compose nodes (lianxin.recording.compose.where=compose-nodes): the app node that recorded
-- a session queues its composition here (compose_queued_at set, composed_state QUEUED) and any compose worker of the
-- cluster claims it (ComposeClaim: SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, then a conditional UPDATE) with a
-- lease: holder and expiry. A worker renews its lease while it composes; a worker that dies stops renewing, the lease
-- lapses and another worker takes the recording. Every update by a worker checks that it still holds the lease.
-- Recordings composed where they were recorded (compose.where=here) leave these columns null.
alter table recording add column compose_queued_at   timestamp with time zone;
alter table recording add column compose_holder      varchar(64);
alter table recording add column compose_lease_until timestamp with time zone;
-- when the composed file of a recording composed on a compose node was stored (DONE)
alter table recording add column composed_at         timestamp with time zone;
create index recording_compose_queue_idx on recording (composed_state, compose_queued_at);
