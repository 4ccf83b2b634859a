package org.lianxin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What a {@link Topology}'s test reads from the app nodes' database (lease and recording catalog tables). */
final class TopologyCatalog {
    /** A fresh connection to the topology's database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private TopologyCatalog() {
    }

    /** The node holding the live room's lease now (cluster_lease row room:&lt;id&gt;, unexpired), or null. */
    static String owner(Connector db, String roomId) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement(
                     "select node, holder from cluster_lease where name = ? and expires_at > now()")) {
            s.setString(1, "room:" + roomId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? (r.getString(1) != null ? r.getString(1) : r.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the booking's newest recording once it has ended with a manifest (catalog table recording), or -1. */
    static long endedRecordingOfBooking(Connector db, long bookingId) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("select id from recording where booking_id = ? and status in"
                     + " ('COMPLETED', 'INTERRUPTED', 'EMPTY') and manifest_key is not null order by id desc")) {
            s.setLong(1, bookingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many participants of the booking's open recording have a chained segment in a track of series
     * {@code series} or later (catalog tables recording_track, recording_segment).
     */
    static int participantsRecorded(Connector db, long bookingId, int series) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("select count(distinct t.participant_id) from recording r"
                     + " join recording_track t on t.recording_id = r.id join recording_segment g"
                     + " on g.recording_id = r.id and g.track_id = t.track_id"
                     + " where r.booking_id = ? and r.status = 'RECORDING' and t.series >= ?")) {
            s.setLong(1, bookingId);
            s.setInt(2, series);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
