package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.signaling.live.RoomMediaJournal;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.RoomMedia;
import org.lianxin.web.cluster.RoomMediaRecords;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.cluster.RoomPlacementRule;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What the live rooms tell of their media is written by the room's owner under its lease (H2): with the lease's epoch,
 * not at all by an instance that lost the room, and deleted when the session ends, before the lease is given up.
 */
class RoomMediaRecorderIT {
    static final Duration TERM = Duration.ofSeconds(6);
    static final String ROOM = RoomSubject.reception(41).roomId();

    MutableClock clock;
    DataSource db;
    RoomMediaRecords records;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-03T06:00:00Z"));
        db = TestDatabases.h2("room-media-recorder");
        records = new RoomMediaRecords(db);
    }

    RoomPlacement instance(String node) {
        return new RoomPlacement(new ClusterLease(db, clock, "host-" + node + ":1:0a0b0c0d", node), clock, node, TERM,
                db, new DataSourceTransactionManager(db));
    }

    static RoomMediaJournal.State state(long session, List<RoomMediaJournal.Endpoint> endpoints) {
        return new RoomMediaJournal.State(ROOM, "janus-1", session, 4242, "s3cret", endpoints);
    }

    static final List<RoomMediaJournal.Endpoint> HOST_AND_PETITIONER = List.of(
            new RoomMediaJournal.Endpoint(11, "host", true, 501L, List.of()),
            new RoomMediaJournal.Endpoint(12, "host", false, null, List.of("pet")),
            new RoomMediaJournal.Endpoint(13, "pet", true, 502L, List.of()));

    @Test
    void theOwnerWritesUnderItsEpochALostOwnerWritesNothingAndTheEndDeletes() {
        RoomPlacement app1 = instance("app1");
        RoomPlacement app2 = instance("app2");
        RoomMediaRecorder at1 = new RoomMediaRecorder(app1, records, clock);
        RoomMediaRecorder at2 = new RoomMediaRecorder(app2, records, clock);
        long epoch1 = app1.claim(ROOM, RoomPlacementRule.Purpose.OPEN).lease().epoch();

        at2.changed(state(7, List.of())); // app2 does not hold the room: nothing written
        assertThat(records.load(ROOM)).isEmpty();
        at1.changed(state(9001, HOST_AND_PETITIONER));

        RoomMedia written = records.load(ROOM).orElseThrow();
        assertThat(written.epoch()).isEqualTo(epoch1);
        assertThat(written.janusSession()).isEqualTo(9001);
        assertThat(written.endpoints()).containsExactly(RoomMedia.Endpoint.publisher(11, "host", 501),
                RoomMedia.Endpoint.subscriber(12, "host", List.of("pet")), RoomMedia.Endpoint.publisher(13, "pet", 502));

        clock.advance(TERM.plusSeconds(1)); // app1 is gone; app2 takes the room over
        long epoch2 = app2.claim(ROOM, RoomPlacementRule.Purpose.JOIN).lease().epoch();
        assertThat(epoch2).isEqualTo(epoch1 + 1);
        at1.changed(state(1234, List.of())); // app1 resumes from a pause: refused by the fence
        assertThat(records.load(ROOM).orElseThrow().janusSession()).isEqualTo(9001);
        at2.changed(state(9001, HOST_AND_PETITIONER.subList(0, 1)));
        assertThat(records.load(ROOM).orElseThrow().epoch()).isEqualTo(epoch2);

        new PlacedRooms(app1, at1).onRoomEvent(RoomSubject.reception(41), new RoomEvent.SessionEnded(
                org.lianxin.signaling.protocol.ServerMessage.EndReason.HOST, clock.instant())); // not app1's: its record stays
        assertThat(records.load(ROOM)).isPresent();
        new PlacedRooms(app2, at2).onRoomEvent(RoomSubject.reception(41), new RoomEvent.SessionEnded(
                org.lianxin.signaling.protocol.ServerMessage.EndReason.HOST, clock.instant()));
        assertThat(records.load(ROOM)).isEmpty();
        assertThat(app2.held(ROOM)).isEmpty();
    }

    static final List<RoomMediaJournal.Member> PLACES = List.of(
            new RoomMediaJournal.Member("host", "Leader", "HOST", true, false, false),
            new RoomMediaJournal.Member("pet", "Petitioner", "PETITIONER", true, false, true));

    @Test
    void aJoinTakingTheRoomFromALostOwnerClaimsItsRecordedMediaWithThePlacesElseRebuilds() {
        RoomPlacement app1 = instance("app1");
        RoomPlacement app2 = instance("app2");
        RoomMediaRecorder at1 = new RoomMediaRecorder(app1, records, clock, () -> java.util.Set.of("janus-1"));
        RoomMediaRecorder at2 = new RoomMediaRecorder(app2, records, clock, () -> java.util.Set.of("janus-1"));
        PlacedRooms placed2 = new PlacedRooms(app2, at2);
        app1.claim(ROOM, RoomPlacementRule.Purpose.OPEN);
        List<RoomMediaJournal.Endpoint> endpoints = List.of(
                new RoomMediaJournal.Endpoint(11, "host", true, 501L, List.of(), List.of("audio:0", "video:1")),
                new RoomMediaJournal.Endpoint(12, "pet", false, null, List.of("host")));
        RoomMediaJournal.State recorded = new RoomMediaJournal.State(ROOM, "janus-1", 9001, 4242, "s3cret", endpoints,
                PLACES);
        at1.changed(recorded);
        assertThat(placed2.locate(ROOM).kind()).isEqualTo(org.lianxin.signaling.live.RoomOwners.Whereabouts.Kind.ELSEWHERE);

        clock.advance(TERM.plusSeconds(1)); // app1 is gone
        org.lianxin.signaling.live.RoomOwners.Whereabouts where = placed2.locate(ROOM);

        assertThat(where.kind()).isEqualTo(org.lianxin.signaling.live.RoomOwners.Whereabouts.Kind.HERE);
        assertThat(where.taken()).isEqualTo(recorded); // everything app1 recorded, places and sections included
        assertThat(where.taken().toString()).doesNotContain("s3cret").doesNotContain("Petitioner");
    }

    @Test
    void aRecordOfAnOlderTenureOrAnotherNodeIsNotClaimed() {
        RoomPlacement app1 = instance("app1");
        RoomPlacement app2 = instance("app2");
        RoomMediaRecorder at1 = new RoomMediaRecorder(app1, records, clock, () -> java.util.Set.of("janus-1"));
        app1.claim(ROOM, RoomPlacementRule.Purpose.OPEN);
        at1.changed(new RoomMediaJournal.State(ROOM, "janus-1", 9001, 4242, "s3cret", HOST_AND_PETITIONER, PLACES));
        clock.advance(TERM.plusSeconds(1));
        // app2 knows only another node: builds the room anew
        PlacedRooms elsewhere = new PlacedRooms(app2, new RoomMediaRecorder(app2, records, clock,
                () -> java.util.Set.of("janus-9")));
        org.lianxin.signaling.live.RoomOwners.Whereabouts where = elsewhere.locate(ROOM);
        assertThat(where.kind()).isEqualTo(org.lianxin.signaling.live.RoomOwners.Whereabouts.Kind.HERE);
        assertThat(where.taken()).isNull();

        // app2 lapses without writing; app1 takes it back (epoch + 2): the record is two tenures old
        clock.advance(TERM.plusSeconds(1));
        RoomPlacement app3 = instance("app3");
        PlacedRooms third = new PlacedRooms(app3, new RoomMediaRecorder(app3, records, clock,
                () -> java.util.Set.of("janus-1")));
        assertThat(third.locate(ROOM).taken()).isNull();
    }
}
