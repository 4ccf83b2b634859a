-- A dead owner noticed at once (issue 14): every instance holds a session-level PostgreSQL advisory lock, keyed by its
-- holder id, on one connection for its life (HolderLock); a kill -9 closes that connection and PostgreSQL frees the
-- lock at once. locked_on is the start time of the PostgreSQL server (pg_postmaster_start_time()) on which the holder
-- held its lock when it last wrote the row; null when it held none (H2, or its lock connection was lost). Another
-- instance treats the holder as dead when its lock is free on a server with that same start time (HolderLiveness):
-- after a restart or a failover every lock is free, but the start time differs until the holder has taken its lock
-- again on the new server and written the row.
alter table cluster_lease add column locked_on timestamp with time zone;
