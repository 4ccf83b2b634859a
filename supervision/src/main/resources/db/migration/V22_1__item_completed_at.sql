-- 办结率 by the time a matter was completed (issue 12): until now a past month's completion rate counted the items
-- accepted in it that are completed *now*, so it changed whenever one of them was closed later. The supervision module
-- records the instant an item becomes COMPLETED (ItemRows.update); the statistics count a completion in the period it
-- happened. Portable SQL (PostgreSQL and H2).
alter table sv_item add column completed_at timestamp with time zone;

-- backfill: the instant the supervising office accepted the reply (the history's ACCEPTED entry, written with every
-- completion); an item completed without that entry (none written by this application) gets its last reply's instant,
-- the latest known moment before its completion
update sv_item set completed_at = (select min(h.at) from sv_history h where h.item_id = sv_item.id
                                   and h.kind = 'ACCEPTED')
 where state = 'COMPLETED';
update sv_item set completed_at = (select max(r.at) from sv_reply r where r.item_id = sv_item.id)
 where state = 'COMPLETED' and completed_at is null;

-- items completed in a range, and a unit's (sv_item_unit_path_idx serves the rest by prefix)
create index sv_item_completed_idx on sv_item (completed_at);
