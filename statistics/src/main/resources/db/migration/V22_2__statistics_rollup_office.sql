-- The stored monthly sums without the category (statistics/.../internal/Rollups): one row per zone, month and office
-- path with every source's sums side by side (b: bookings, c: matters, i: supervision items, r: replies, s:
-- third-party scores; their order is internal/Sources'), so a year of the province by child office reads 615 offices
-- x 12 months, not those x 5 categories x 5 sources (measured: BENCHMARKS.md "statistics"). Filled from st_rollup.
-- Portable SQL (PostgreSQL and H2).
create table st_rollup_office (
    zone varchar(64)    not null,
    ym   varchar(7)     not null,
    path varchar(512)   not null,
    b0   decimal(30, 9) not null, b1 decimal(30, 9) not null, b2 decimal(30, 9) not null,
    b3   decimal(30, 9) not null, b4 decimal(30, 9) not null, b5 decimal(30, 9) not null,
    b6   decimal(30, 9) not null,
    c0   decimal(30, 9) not null,
    i0   decimal(30, 9) not null, i1 decimal(30, 9) not null, i2 decimal(30, 9) not null,
    i3   decimal(30, 9) not null, i4 decimal(30, 9) not null, i5 decimal(30, 9) not null,
    i6   decimal(30, 9) not null,
    r0   decimal(30, 9) not null, r1 decimal(30, 9) not null, r2 decimal(30, 9) not null,
    r3   decimal(30, 9) not null,
    s0   decimal(30, 9) not null, s1 decimal(30, 9) not null,
    primary key (zone, ym, path)
);
