package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class AudioMixerTest {

    @Test
    void tracksAreSummedAtTheirPositionsAndSilenceFillsTheRest() {
        AudioMixer mixer = new AudioMixer();
        mixer.add(2, FloatBuffer.wrap(new float[] {0.25f, 0.25f}));
        mixer.add(3, FloatBuffer.wrap(new float[] {0.5f, 0.5f}));

        assertThat(mixer.take(6)).containsExactly(0f, 0f, 0.25f, 0.75f, 0.5f, 0f);
        assertThat(mixer.position()).isEqualTo(6);
    }

    @Test
    void theSumIsClippedToFullScale() {
        AudioMixer mixer = new AudioMixer();
        mixer.add(0, FloatBuffer.wrap(new float[] {0.8f, -0.8f}));
        mixer.add(0, FloatBuffer.wrap(new float[] {0.8f, -0.8f}));

        assertThat(mixer.take(2)).containsExactly(1f, -1f);
    }

    @Test
    void samplesForAnAlreadyTakenPositionAreDroppedAndTheRestKept() {
        AudioMixer mixer = new AudioMixer();
        mixer.take(4);
        mixer.add(2, FloatBuffer.wrap(new float[] {0.1f, 0.2f, 0.3f, 0.4f}));

        assertThat(mixer.take(7)).containsExactly(0.3f, 0.4f, 0f);
    }

    @Test
    void partialTakesKeepLaterSamplesAndTheBufferGrowsForFarAheadAudio() {
        AudioMixer mixer = new AudioMixer();
        float[] second = new float[48_000];
        second[47_999] = 0.5f;
        mixer.add(100_000, FloatBuffer.wrap(second));
        mixer.add(1, FloatBuffer.wrap(new float[] {0.1f}));

        assertThat(mixer.take(2)).containsExactly(0f, 0.1f);
        float[] rest = mixer.take(148_000);
        assertThat(rest).hasSize(147_998);
        assertThat(rest[147_997]).isEqualTo(0.5f);
        assertThat(mixer.take(148_001)).containsExactly(0f);
    }
}
