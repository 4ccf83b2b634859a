-- The audit trail (issue 13): one hash chain of entries (seq 1, 2, 3, ... without gaps; each row's hash is the
-- SHA-256 of its canonical form, which includes the previous row's hash: org.lianxin.audit.AuditCanonical), the
-- chain's head as a lock row (every append locks it, so that concurrent writers of every instance form one linear
-- chain; it is a convenience the verifier never trusts), and the signed checkpoints of the head.
-- V16_2 (a Java migration: PostgreSQL and H2 differ) makes entries and checkpoints append-only.
create table audit_entry (
    seq            bigint        not null primary key,
    at             timestamp with time zone not null,
    username       varchar(200)  not null,
    role           varchar(200),
    office_id      bigint,
    action         varchar(200)  not null,
    object_type    varchar(200),
    object_id      varchar(200),
    outcome        varchar(20)   not null,
    client_address varchar(200),
    request_id     varchar(200),
    details        varchar(2000) not null,
    prev_hash      char(64)      not null,
    hash           char(64)      not null
);
create index audit_entry_at_idx on audit_entry (at);
create index audit_entry_user_idx on audit_entry (username, at);
create index audit_entry_object_idx on audit_entry (object_type, object_id);

create table audit_head (
    id   int      not null primary key,
    seq  bigint   not null,
    hash char(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create table audit_checkpoint (
    seq       bigint       not null primary key,
    hash      char(64)     not null,
    at        timestamp with time zone not null,
    key_id    char(64)     not null,
    signature varchar(200) not null
);
