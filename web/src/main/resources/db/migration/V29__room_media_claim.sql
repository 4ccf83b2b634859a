-- What an instance taking over a live room needs to claim its media on Janus (issue 14): the Janus node, session and
-- room of the room's media, and every endpoint (videoroom handle) in that session with its role. Written by the
-- room's owner when an endpoint is made or closed, in the room lease's fenced transaction (RoomPlacement.fenced), so
-- epoch is the lease epoch of the tenure that wrote it: a successor (epoch + 1) claims only a record of the tenure it
-- follows. janus_room_secret guards the Janus room's moderation and forwards (Janus is reachable from the app nodes
-- only); it is needed to move the recording's forwards. Deleted when the room ends.
create table room_media (
    room_id           varchar(100) primary key,
    epoch             bigint       not null,
    media_node        varchar(100) not null,
    janus_session     bigint       not null,
    janus_room        bigint       not null,
    janus_room_secret varchar(200) not null,
    updated_at        timestamp with time zone not null
);

-- One row per endpoint: a publisher (its feed) or a subscriber (the participants it receives, comma-separated).
create table room_media_endpoint (
    room_id        varchar(100) not null references room_media (room_id) on delete cascade,
    handle_id      bigint       not null,
    participant_id varchar(100) not null,
    role           varchar(20)  not null,
    feed_id        bigint,
    subscribed_to  varchar(2000),
    constraint room_media_endpoint_pk primary key (room_id, handle_id),
    constraint room_media_endpoint_role_ck check (role in ('PUBLISHER', 'SUBSCRIBER')),
    constraint room_media_endpoint_feed_ck check (role <> 'PUBLISHER' or feed_id is not null)
);
