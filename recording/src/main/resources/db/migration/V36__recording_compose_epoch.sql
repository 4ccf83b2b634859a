-- A fencing token for the compose nodes' claims (V34, internal.ComposeClaim): bumped by every claim, so each claim of
-- a composition is a new attempt. A worker stores its review file under a key of its own attempt
-- (Recording.composedKey(id, epoch)) and its renewals, end and release check holder *and* epoch in the same
-- statement: a worker whose lease lapsed and was claimed by another (even one of the same name) changes nothing, and
-- its file is never referenced (it deletes it).
alter table recording add column compose_epoch bigint default 0 not null;
