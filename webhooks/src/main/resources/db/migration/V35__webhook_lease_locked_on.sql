-- Issue 13: a restarted dispatcher takes back its own previous run's leases at once instead of waiting for them to
-- lapse. Each lease names its node (leased_by) and the start time of the database server on which that node held its
-- advisory lock (pg_postmaster_start_time(); null: it held none, e.g. on H2). A node that gets its lock at start knows
-- that no other process of its name lives, and releases the leases its name holds with this server's start time. A
-- lease written on another server run (a restart or failover freed every lock while their holders lived) lapses as
-- before. Portable SQL (PostgreSQL and H2).
alter table webhook_delivery add column lease_locked_on timestamp with time zone;
