package org.lianxin.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.recording.capture.Segmenter.BUFFER;
import static org.lianxin.recording.capture.Segmenter.DROP;
import static org.lianxin.recording.capture.Segmenter.ROTATE_DROP;
import static org.lianxin.recording.capture.Segmenter.ROTATE_WRITE;
import static org.lianxin.recording.capture.Segmenter.WRITE;

import org.junit.jupiter.api.Test;

class SegmenterTest {

    /** 10 s segments, ask 1 s ahead, retry every 1 s, cut at 20 s, wait 3 s for the first keyframe. */
    private final Segmenter s = new Segmenter(10_000, 1_000, 1_000, 20_000, 3_000);

    private int key(long ms) {
        return s.onVideo(ms, true, 640, 480);
    }

    private int inter(long ms) {
        return s.onVideo(ms, false, 0, 0);
    }

    @Test
    void audioBeforeTheFirstKeyframeIsHeldAndInterFramesAreDroppedWithAKeyframeRequest() {
        assertThat(s.onAudio(0)).isEqualTo(BUFFER);
        assertThat(s.askKeyframe()).as("asked while waiting for the first keyframe").isTrue();
        assertThat(inter(10)).isEqualTo(DROP);
        assertThat(s.askKeyframe()).isFalse();
        assertThat(inter(1_010)).isEqualTo(DROP);
        assertThat(s.askKeyframe()).as("again after the retry interval").isTrue();
        assertThat(inter(1_043)).isEqualTo(DROP);
        assertThat(s.askKeyframe()).as("not again within the retry interval").isFalse();
        assertThat(s.onAudio(1_020)).isEqualTo(BUFFER);
        assertThat(key(1_400)).isEqualTo(ROTATE_WRITE);
        assertThat(s.video()).isTrue();
        assertThat(s.startsOnKeyframe()).isTrue();
        assertThat(s.width()).isEqualTo(640);
        assertThat(inter(1_433)).isEqualTo(WRITE);
        assertThat(s.onAudio(1_440)).isEqualTo(WRITE);
    }

    @Test
    void aSegmentEndsOnTheFirstKeyframeFromOneSecondBeforeTheTargetAndAsksForOneThen() {
        key(0);
        assertThat(key(5_000)).as("a keyframe mid-segment is just written").isEqualTo(WRITE);
        assertThat(inter(8_966)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).isFalse();
        assertThat(s.onAudio(9_000)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).isTrue();
        assertThat(inter(9_033)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).isFalse();
        assertThat(inter(10_000)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).as("asked again after the retry interval").isTrue();
        assertThat(key(10_200)).isEqualTo(ROTATE_WRITE);
        assertThat(s.startMs()).isEqualTo(10_200);
        assertThat(s.startsOnKeyframe()).isTrue();
        assertThat(key(19_100)).as("next boundary from 9 s after this start").isEqualTo(WRITE);
        assertThat(key(19_200)).isEqualTo(ROTATE_WRITE);
    }

    @Test
    void withoutAKeyframeTheSegmentIsCutAtTheMaximumAndVideoWaitsForTheNextKeyframe() {
        key(0);
        assertThat(inter(19_966)).isEqualTo(WRITE);
        assertThat(s.onAudio(20_000)).isEqualTo(ROTATE_WRITE);
        assertThat(s.startsOnKeyframe()).isFalse();
        assertThat(s.video()).isTrue();
        assertThat(s.askKeyframe()).as("asked at once").isTrue();
        assertThat(inter(20_033)).isEqualTo(DROP);
        assertThat(inter(21_033)).isEqualTo(DROP);
        assertThat(s.askKeyframe()).as("and again a second later").isTrue();
        assertThat(s.onAudio(20_040)).isEqualTo(WRITE);
        assertThat(key(20_300)).as("the keyframe does not cut again, video resumes").isEqualTo(WRITE);
        assertThat(inter(20_333)).isEqualTo(WRITE);
    }

    @Test
    void aCutAtTheMaximumOnAVideoInterFrameDropsIt() {
        key(0);
        assertThat(inter(20_000)).isEqualTo(ROTATE_DROP);
        assertThat(s.startsOnKeyframe()).isFalse();
    }

    @Test
    void mutedVideoIsNotAskedForButAudioGoesOn() {
        key(0);
        for (long ms = 20; ms < 19_000; ms += 20) {
            assertThat(s.onAudio(ms)).isEqualTo(WRITE);
            assertThat(s.askKeyframe()).as("no video for %d ms", ms).isFalse();
        }
        assertThat(s.onAudio(20_000)).isEqualTo(ROTATE_WRITE);
    }

    @Test
    void withoutVideoTheFirstSegmentStartsAudioOnlyAndIsCutOnTime() {
        assertThat(s.onAudio(0)).isEqualTo(BUFFER);
        assertThat(s.onAudio(2_980)).isEqualTo(BUFFER);
        assertThat(s.askKeyframe()).isTrue();
        assertThat(s.onAudio(3_000)).isEqualTo(ROTATE_WRITE);
        assertThat(s.video()).isFalse();
        assertThat(s.startMs()).isZero();
        assertThat(s.onAudio(8_980)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).isFalse();
        assertThat(s.onAudio(9_000)).isEqualTo(WRITE);
        assertThat(s.askKeyframe()).as("once before the cut, in case video started unseen").isTrue();
        assertThat(s.onAudio(10_000)).isEqualTo(ROTATE_WRITE);
        assertThat(s.video()).isFalse();
    }

    @Test
    void videoAppearingInAnAudioOnlySegmentStartsANewSegmentOnItsKeyframe() {
        s.onAudio(0);
        s.onAudio(3_000);
        assertThat(inter(4_000)).isEqualTo(DROP);
        assertThat(s.askKeyframe()).isTrue();
        assertThat(key(4_300)).isEqualTo(ROTATE_WRITE);
        assertThat(s.video()).isTrue();
        assertThat(s.startsOnKeyframe()).isTrue();
    }

    @Test
    void aKeyframeWithOtherDimensionsStartsANewSegment() {
        key(0);
        assertThat(s.onVideo(3_000, true, 320, 240)).isEqualTo(ROTATE_WRITE);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(240);
    }
}
