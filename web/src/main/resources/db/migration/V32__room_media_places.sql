-- What an instance taking over a live room by claim (issue 14) needs besides the media session (V29): each
-- participant's place, held for it while its browser reconnects to the new owner (its role, whether it was admitted
-- from the lobby, the host's server-side mutes, its name as the others see it), and the media sections each publisher
-- sends (kind:mid, comma-separated), which the recording's forwards and the mutes address. Written and deleted with
-- the room's record, under the room lease's fence.
create table room_media_participant (
    room_id        varchar(100) not null references room_media (room_id) on delete cascade,
    participant_id varchar(100) not null,
    display_name   varchar(200) not null,
    role           varchar(20)  not null,
    admitted       boolean      not null,
    audio_muted    boolean      not null,
    video_muted    boolean      not null,
    constraint room_media_participant_pk primary key (room_id, participant_id)
);

alter table room_media_endpoint add column published varchar(200);
