package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The rooms' media records on H2 (V29): written and read back whole, replaced, forgotten; and written only by the
 * room's owner — an owner that lost the room cannot overwrite its successor's record.
 */
class RoomMediaRecordsIT {
    static final Duration TERM = Duration.ofSeconds(6);

    MutableClock clock;
    DataSource db;
    RoomMediaRecords records;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-03T06:00:00Z"));
        db = TestDatabases.h2("room-media");
        records = new RoomMediaRecords(db);
    }

    RoomPlacement instance(String node) {
        ClusterLease lease = new ClusterLease(db, clock, "host-" + node + ":1:0a0b0c0d", node);
        return new RoomPlacement(lease, clock, node, TERM, db, new DataSourceTransactionManager(db));
    }

    RoomMedia media(long epoch, long session, List<RoomMedia.Endpoint> endpoints) {
        return new RoomMedia("r1", epoch, "janus-1", session, 4242, "s3cret", clock.instant(), endpoints);
    }

    @Test
    void aRecordIsReadBackWholeReplacedAndForgotten() {
        List<RoomMedia.Endpoint> endpoints = List.of(RoomMedia.Endpoint.publisher(11, "leader", 501),
                RoomMedia.Endpoint.subscriber(12, "leader", List.of("visitor", "interpreter")),
                RoomMedia.Endpoint.subscriber(13, "visitor", List.of()));
        records.save(media(2, 9001, endpoints));

        RoomMedia read = records.load("r1").orElseThrow();

        assertThat(read).isEqualTo(media(2, 9001, endpoints));
        assertThat(read.toString()).doesNotContain("s3cret");

        records.save(media(3, 9002, List.of(RoomMedia.Endpoint.publisher(21, "visitor", 601))));
        assertThat(records.load("r1").orElseThrow().endpoints()).extracting(RoomMedia.Endpoint::handleId)
                .containsExactly(21L);
        assertThat(records.load("r1").orElseThrow().janusSession()).isEqualTo(9002);

        records.forget("r1");
        assertThat(records.load("r1")).isEmpty();
        assertThat(records.load("nobody")).isEmpty();
    }

    @Test
    void anOwnerThatLostTheRoomCannotOverwriteItsSuccessorsRecord() {
        RoomPlacement a = instance("app1");
        RoomPlacement b = instance("app2");
        long epochA = a.claim("r1", RoomPlacementRule.Purpose.OPEN).lease().epoch();
        a.fenced("r1", () -> {
            records.save(media(epochA, 9001, List.of(RoomMedia.Endpoint.publisher(11, "leader", 501))));
            return null;
        });

        clock.advance(TERM.plusSeconds(1)); // app1 stopped renewing
        long epochB = b.claim("r1", RoomPlacementRule.Purpose.JOIN).lease().epoch();
        assertThat(RoomTakeoverRule.decide(records.load("r1"), epochB, java.util.Set.of("janus-1")).way())
                .isEqualTo(RoomTakeoverRule.Way.CLAIM);
        b.fenced("r1", () -> {
            records.save(media(epochB, 9001, List.of(RoomMedia.Endpoint.publisher(11, "leader", 501))));
            return null;
        });

        assertThatThrownBy(() -> a.fenced("r1", () -> {
            records.save(media(epochA, 1234, List.of()));
            return null;
        })).isInstanceOf(LeaseLostException.class);
        assertThat(records.load("r1").orElseThrow().epoch()).isEqualTo(epochB);
        assertThat(records.load("r1").orElseThrow().janusSession()).isEqualTo(9001);
    }
}
