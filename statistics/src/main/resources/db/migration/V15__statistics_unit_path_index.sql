-- Statistics at province scale (./lianxin bench statistics, BENCHMARKS.md "statistics"): a city's or county's
-- supervision items, and through them its replies, found by the unit's path prefix (unit_path like '/1/122/%')
-- instead of a scan of the province's items. Portable SQL (PostgreSQL and H2). A btree serves a LIKE prefix under
-- the C collation (the launcher's database); under another collation PostgreSQL needs varchar_pattern_ops for it.
create index sv_item_unit_path_idx on sv_item (unit_path, accepted_on, deadline);
