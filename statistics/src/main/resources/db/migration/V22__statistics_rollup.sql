-- Statistics at province scale (issue 12's benchmark; BENCHMARKS.md "statistics"): stored monthly sums. For each
-- zone (the queried office's; one month is whole days in it), month (ym), office path, category and source, the sums of
-- statistics/.../internal/Sources exactly as a direct query over that month would give them (seconds unrounded).
-- Kept by internal/Rollups: built for a horizon of months, then, before a read, the offices whose facts changed since
-- (new rows of the fact tables and of the booking and item histories, which every change writes) recomputed.
-- Portable SQL (PostgreSQL and H2).
create table st_rollup (
    zone     varchar(64)    not null,
    ym       varchar(7)     not null,
    path     varchar(512)   not null,
    category varchar(64),
    source   varchar(8)     not null,
    s0       decimal(30, 9) not null,
    s1       decimal(30, 9) not null,
    s2       decimal(30, 9) not null,
    s3       decimal(30, 9) not null,
    s4       decimal(30, 9) not null,
    s5       decimal(30, 9) not null,
    s6       decimal(30, 9) not null
);
create index st_rollup_key_idx on st_rollup (zone, ym, path);
create index st_rollup_path_idx on st_rollup (zone, path);

-- one row per zone: the months covered (first days), the instant the overdue sums were counted at, when the whole
-- was last built, and three sets of high-water marks of the fact tables (Rollups explains them): w_* settled (every
-- row up to them is in the sums), l_* seen by the last refresh, p_* pending since pending_at (settled once no
-- transaction that began before pending_at can still commit)
create table st_rollup_state (
    zone            varchar(64)              primary key,
    first_month     date                     not null,
    last_month      date                     not null,
    as_of           timestamp with time zone not null,
    built_at        timestamp with time zone not null,
    w_booking       bigint                   not null,
    w_booking_event bigint                   not null,
    w_case          bigint                   not null,
    w_item          bigint                   not null,
    w_history       bigint                   not null,
    w_reply         bigint                   not null,
    w_evaluation    bigint                   not null,
    n_score         bigint                   not null,
    l_booking       bigint                   not null default 0,
    l_booking_event bigint                   not null default 0,
    l_case          bigint                   not null default 0,
    l_item          bigint                   not null default 0,
    l_history       bigint                   not null default 0,
    l_reply         bigint                   not null default 0,
    l_evaluation    bigint                   not null default 0,
    p_booking       bigint                   not null default 0,
    p_booking_event bigint                   not null default 0,
    p_case          bigint                   not null default 0,
    p_item          bigint                   not null default 0,
    p_history       bigint                   not null default 0,
    p_reply         bigint                   not null default 0,
    p_evaluation    bigint                   not null default 0,
    pending_at      timestamp with time zone not null
);
