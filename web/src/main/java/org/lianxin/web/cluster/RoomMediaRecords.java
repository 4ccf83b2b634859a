package org.lianxin.web.cluster;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link RoomMedia} records (tables {@code room_media}, {@code room_media_endpoint}, V29). The owner writes them
 * inside {@link RoomPlacement#fenced} (the template joins the fenced transaction), so that an owner that lost the room
 * cannot overwrite its successor's record; a successor reads the record of the tenure it follows.
 */
public final class RoomMediaRecords {
    private final JdbcTemplate jdbc;

    public RoomMediaRecords(DataSource db) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(db, "db"));
    }

    /** Replaces the room's record (and all its endpoints) with {@code media}. */
    public void save(RoomMedia media) {
        jdbc.update("delete from room_media where room_id = ?", media.roomId());
        jdbc.update("insert into room_media (room_id, epoch, media_node, janus_session, janus_room, janus_room_secret,"
                        + " updated_at) values (?, ?, ?, ?, ?, ?, ?)", media.roomId(), media.epoch(), media.mediaNode(),
                media.janusSession(), media.janusRoom(), media.janusRoomSecret(), Timestamp.from(media.updatedAt()));
        for (RoomMedia.Endpoint e : media.endpoints()) {
            jdbc.update("insert into room_media_endpoint (room_id, handle_id, participant_id, role, feed_id,"
                            + " subscribed_to, published) values (?, ?, ?, ?, ?, ?, ?)", media.roomId(), e.handleId(),
                    e.participantId(), e.role().name(), e.feedId(),
                    e.role() == RoomMedia.Role.SUBSCRIBER ? String.join(",", e.subscribedTo()) : null,
                    e.published().isEmpty() ? null : String.join(",", e.published()));
        }
        for (RoomMedia.Place p : media.places()) {
            jdbc.update("insert into room_media_participant (room_id, participant_id, display_name, role, admitted,"
                            + " audio_muted, video_muted) values (?, ?, ?, ?, ?, ?, ?)", media.roomId(),
                    p.participantId(), p.displayName(), p.role(), p.admitted(), p.audioMuted(), p.videoMuted());
        }
    }

    /** The room's record, if any. */
    public Optional<RoomMedia> load(String roomId) {
        List<RoomMedia.Endpoint> endpoints = jdbc.query("select handle_id, participant_id, role, feed_id, subscribed_to,"
                        + " published from room_media_endpoint where room_id = ? order by handle_id",
                (rs, i) -> {
                    long feed = rs.getLong("feed_id");
                    Long feedId = rs.wasNull() ? null : feed;
                    String to = rs.getString("subscribed_to");
                    String published = rs.getString("published");
                    return new RoomMedia.Endpoint(rs.getLong("handle_id"), rs.getString("participant_id"),
                            RoomMedia.Role.valueOf(rs.getString("role")), feedId,
                            to == null || to.isEmpty() ? List.of() : Arrays.asList(to.split(",")),
                            published == null || published.isEmpty() ? List.of() : Arrays.asList(published.split(",")));
                }, roomId);
        List<RoomMedia.Place> places = jdbc.query("select participant_id, display_name, role, admitted, audio_muted,"
                        + " video_muted from room_media_participant where room_id = ? order by participant_id",
                (rs, i) -> new RoomMedia.Place(rs.getString("participant_id"), rs.getString("display_name"),
                        rs.getString("role"), rs.getBoolean("admitted"), rs.getBoolean("audio_muted"),
                        rs.getBoolean("video_muted")), roomId);
        return jdbc.query("select epoch, media_node, janus_session, janus_room, janus_room_secret, updated_at"
                        + " from room_media where room_id = ?",
                (rs, i) -> new RoomMedia(roomId, rs.getLong("epoch"), rs.getString("media_node"),
                        rs.getLong("janus_session"), rs.getLong("janus_room"), rs.getString("janus_room_secret"),
                        rs.getTimestamp("updated_at").toInstant(), endpoints, places), roomId)
                .stream().findFirst();
    }

    /** The room ended: its record is of no use to anyone. */
    public void forget(String roomId) {
        jdbc.update("delete from room_media where room_id = ?", roomId);
    }
}
