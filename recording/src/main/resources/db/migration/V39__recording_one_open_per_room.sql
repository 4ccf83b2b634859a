-- One open recording per room, held by the database (issue 14): an instance that does not own a room may open its
-- recording (the kiosk's notice, a consultation's switch through the load balancer) at the moment the room's owner
-- prepares it; without a constraint both could insert one. H2 has no partial unique index, so the open recording
-- carries its room id in open_room (NULL once it ended: NULLs never collide, on PostgreSQL nor on H2), set by the
-- statements that change the status (JdbcRecordingCatalog: create, finish, markDeleted). A second insert for a room
-- whose recording is open fails with a unique violation; the catalog then uses the one open.
alter table recording add column open_room varchar(100);

-- rooms with several open recordings before this: the newest stays the open one (the one openInRoom chose)
update recording set open_room = room_id
 where status in ('PENDING', 'RECORDING')
   and not exists (select 1 from recording newer where newer.room_id = recording.room_id
                      and newer.status in ('PENDING', 'RECORDING') and newer.id > recording.id);

alter table recording add constraint recording_one_open_per_room unique (open_room);
