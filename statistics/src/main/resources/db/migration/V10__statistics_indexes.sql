-- Statistics (issue 12): the indexes its aggregate queries (statistics/.../internal/Sources) read by. Portable SQL
-- (PostgreSQL and H2).
-- bookings by the day they start (receptions, no-shows, waits and lengths of a range)
create index booking_starts_idx on booking (starts_at);
-- a booking's first check-in, start and end events
create index booking_event_kind_idx on booking_event (booking_id, kind, at);
-- matters registered in a range
create index case_file_created_idx on case_file (created_at);
-- supervision items due or accepted in a range
create index sv_item_deadline_idx on sv_item (deadline);
create index sv_item_accepted_idx on sv_item (accepted_on);
-- replies given in a range, evaluations made in a range
create index sv_reply_at_idx on sv_reply (at);
create index sv_evaluation_at_idx on sv_evaluation (at);
