package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.recording.capture.AudioHold.AUDIO_HOLD_MS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AudioHold}: when held audio reaches the segment, and in what order. Packets are names here. */
class AudioHoldTest {

    private final AudioHold<String> hold = new AudioHold<>();
    private final List<String> written = new ArrayList<>();
    private final AudioHold.Out<String> out = (p, ms) -> written.add(p + "@" + ms);

    @Test
    void audioOfASegmentWithVideoWaitsUntilTheVideoHasPassedItsTime() {
        hold.queue("a1", 1_000, out);
        hold.queue("a2", 1_020, out);
        assertThat(written).isEmpty();
        hold.videoReached(1_010, out);
        assertThat(written).containsExactly("a1@1000");
        hold.videoReached(1_020, out);
        assertThat(written).as("audio at the video's time goes before it").containsExactly("a1@1000", "a2@1020");
    }

    @Test
    void withoutVideoAudioIsWrittenAtTheLatestTheHoldTimeAfterIt() {
        hold.queue("a1", 1_000, out);
        hold.queue("a2", 1_000 + AUDIO_HOLD_MS, out);
        assertThat(written).as("not older than the hold yet").isEmpty();
        hold.queue("a3", 1_001 + AUDIO_HOLD_MS, out);
        assertThat(written).containsExactly("a1@1000");
    }

    @Test
    void atACutTheAudioBeforeItGoesToTheEndingSegmentAndTheRestWaitsForTheNextOnesVideo() {
        hold.queue("before", 9_980, out);
        hold.queue("at", 10_000, out);
        hold.queue("after", 10_020, out);
        hold.cutAt(10_000, out);
        assertThat(written).containsExactly("before@9980");
        written.clear();
        hold.segmentOpened(true, 10_000, out);
        assertThat(written).as("a later segment opens with nothing held for it").isEmpty();
        hold.videoReached(10_033, out);
        assertThat(written).containsExactly("at@10000", "after@10020");
    }

    @Test
    void audioBeforeTheFirstKeyframeStartsTheFirstSegmentAndAudioFromTheKeyframeOnWaitsForItsVideo() {
        assertThat(hold.holdsAudioBeforeFirstSegment()).isFalse();
        assertThat(hold.segmentBase(1_400)).as("nothing held: the segment starts at the cut").isEqualTo(1_400);
        hold.holdForFirstSegment("a0", 100);
        hold.holdForFirstSegment("a1", 1_380);
        hold.holdForFirstSegment("a2", 1_420);
        assertThat(written).isEmpty();
        assertThat(hold.holdsAudioBeforeFirstSegment()).isTrue();
        assertThat(hold.segmentBase(1_400)).as("the file starts with the first held audio").isEqualTo(100);

        hold.segmentOpened(true, 1_400, out);
        assertThat(written).containsExactly("a0@100", "a1@1380");
        assertThat(hold.holdsAudioBeforeFirstSegment()).isFalse();
        hold.videoReached(1_433, out);
        assertThat(written).containsExactly("a0@100", "a1@1380", "a2@1420");
    }

    @Test
    void anAudioOnlyFirstSegmentGetsAllTheHeldAudioAtOnce() {
        hold.holdForFirstSegment("a0", 0);
        hold.holdForFirstSegment("a1", 20);
        hold.segmentOpened(false, 0, out);
        assertThat(written).containsExactly("a0@0", "a1@20");
    }

    @Test
    void heldAudioKeepsItsArrivalOrderAndWritingEverythingEmptiesIt() {
        hold.queue("late", 2_000, out);
        hold.queue("early", 1_990, out); // arrived after, older: stays behind the packet that arrived first
        hold.videoReached(1_995, out);
        assertThat(written).isEmpty();
        hold.writeAll(out);
        assertThat(written).containsExactly("late@2000", "early@1990");
        hold.videoReached(Long.MAX_VALUE, out);
        assertThat(written).hasSize(2);
    }

    @Test
    void whatWasNeverWrittenIsHandedBackWhenTheCaptureStops() {
        hold.holdForFirstSegment("first", 0);
        hold.queue("pending", 5_000, out);
        List<String> freed = new ArrayList<>();
        hold.release(freed::add);
        assertThat(freed).containsExactlyInAnyOrder("first", "pending");
        assertThat(written).isEmpty();
        freed.clear();
        hold.release(freed::add);
        assertThat(freed).as("once").isEmpty();
    }
}
