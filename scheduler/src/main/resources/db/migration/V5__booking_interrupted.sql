-- A booking whose session was cut off (a crash of the server) and that nobody continued after its
-- slot ends as INTERRUPTED. The check on booking.state was declared without a name, and its name
-- differs between PostgreSQL and H2, so the column is replaced: a new column takes the values, the
-- old one goes with its check, and the new one gets the same NOT NULL and a named check.
-- Portable SQL (PostgreSQL and H2).
alter table booking add column state_new varchar(16);
update booking set state_new = state;
alter table booking drop column state;
alter table booking rename column state_new to state;
alter table booking alter column state set not null;
alter table booking add constraint booking_state_check
    check (state in ('BOOKED', 'CHECKED_IN', 'IN_SESSION', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'INTERRUPTED'));
