-- Media nodes shared by the app instances (issue 14). media_node_state: one row per Janus node (its configured name)
-- once drained or undrained through the API (PUT /api/v1/admin/media-nodes/{name}/drain) or drained in the
-- configuration: every instance reads it every lianxin.cluster.media-node-refresh and before placing a new room, so one
-- drain holds for the whole cluster. drained_by/drained_at: who set the flag last (drained or not) and when.
create table media_node_state (
    name       varchar(40)  primary key,
    drained    boolean      not null,
    drained_by varchar(200) not null,
    drained_at timestamp with time zone not null
);
-- Each instance's own load per node (rooms placed, endpoints open), reported every media-node-refresh; placement adds
-- the other instances' reports to its own counts. A report older than three refreshes (by the database's clock) is
-- ignored: its instance stopped or is cut off.
create table media_node_report (
    node        varchar(40)  not null,
    instance    varchar(100) not null,
    rooms       int          not null,
    endpoints   int          not null,
    reported_at timestamp with time zone not null,
    primary key (node, instance),
    constraint media_node_report_counts_ck check (rooms >= 0 and endpoints >= 0)
);
