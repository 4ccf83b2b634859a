package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackNamesTest {

    @Test
    void participantsAreNumberedInTheOrderTheyFirstPublish() {
        TrackNames names = new TrackNames(0);
        assertThat(names.next("official-3")).isEqualTo("s0-p1");
        assertThat(names.next("petitioner-7")).isEqualTo("s0-p2");
    }

    @Test
    void publishingAgainInTheSameSeriesGetsATrackOfItsOwn() {
        TrackNames names = new TrackNames(0);
        names.next("petitioner-7");
        assertThat(names.next("petitioner-7")).isEqualTo("s0-p1-2");
        assertThat(names.next("petitioner-7")).isEqualTo("s0-p1-3");
    }

    @Test
    void aNewSeriesStartsOnlyOnceTheCurrentOneHasATrackAndKeepsTheParticipantsNumbers() {
        TrackNames names = new TrackNames(0);
        assertThat(names.seriesUsed()).as("nothing opened yet: a media loss needs no new series").isFalse();
        names.next("official-3");
        names.next("petitioner-7");
        assertThat(names.seriesUsed()).isTrue();
        names.newSeries(1);
        assertThat(names.seriesUsed()).isFalse();
        assertThat(names.series()).isEqualTo(1);
        assertThat(names.next("petitioner-7")).isEqualTo("s1-p2");
    }

    @Test
    void aRecordingTakenOverAfterARestartKeepsItsNamesTaken() {
        TrackNames names = new TrackNames(1);
        names.known("s0-p1", "official-3");
        names.known("s1-p1", "official-3");
        names.known("s0-p2", "petitioner-7");
        assertThat(names.next("official-3")).isEqualTo("s1-p1-2");
        assertThat(names.next("petitioner-7")).isEqualTo("s1-p2");
        assertThat(names.next("official-9")).isEqualTo("s1-p3");
    }

    @Test
    void aNamePeekedIsTheOneTheNextTrackGetsAndIsNotTakenByThePeek() {
        TrackNames names = new TrackNames(0);
        assertThat(names.peek("official-3")).isEqualTo("s0-p1");
        assertThat(names.peek("petitioner-7")).as("numbered in the order peeked").isEqualTo("s0-p2");
        assertThat(names.peek("official-3")).as("a peek takes no name").isEqualTo("s0-p1");
        assertThat(names.seriesUsed()).as("a peek opens no track").isFalse();
        assertThat(names.next("petitioner-7")).isEqualTo("s0-p2");
        assertThat(names.next("official-3")).isEqualTo("s0-p1");
        assertThat(names.peek("official-3")).isEqualTo("s0-p1-2");
    }
}
