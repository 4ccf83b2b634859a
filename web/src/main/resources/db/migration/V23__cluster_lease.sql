-- Leases of cluster-wide jobs (issue 14): one row per job name. The instance named in holder runs the job until
-- expires_at (it renews at each run); after that any instance may take it, and a change of holder adds one to epoch
-- (the fencing epoch: a write made under a lease checks it, so a paused-then-resumed old holder cannot write).
-- holder is null after a release. Times are the application's clock (java.time.Clock), in UTC.
create table cluster_lease (
    name       varchar(100) primary key,
    holder     varchar(200),
    epoch      bigint not null,
    expires_at timestamp with time zone not null,
    constraint cluster_lease_epoch_ck check (epoch >= 1)
);
