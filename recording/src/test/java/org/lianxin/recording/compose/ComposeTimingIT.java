package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures composing a 60 s session of 2 and of 4 participants (goal: 2 within 7.5 s on 2 cores).
 * Prints wall and CPU times with the load average; asserts only that the files are right, since
 * the machine is shared (wall time is meaningless under load; CPU time / cores is the idle estimate).
 */
class ComposeTimingIT {

    @TempDir
    Path dir;

    @Test
    void composeSixtySecondsOfTwoAndFourParticipants() throws Exception {
        List<Path> track = ComposeMedia.track(dir, "p", "testsrc2=size=640x480:rate=30", 440, 60);
        Composer composer = new Composer(ComposeSettings.defaults());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder report = new StringBuilder("compose timing, 60 s session, ").append(ComposeSettings.defaults());
        for (int participants : new int[] {2, 2, 4}) {
            List<ComposeInput> inputs = new ArrayList<>();
            for (int i = 0; i < participants; i++) {
                inputs.add(new ComposeInput("participant " + (i + 1), track, Duration.ZERO));
            }
            Path out = dir.resolve("session-" + participants + ".mp4");
            double load = os.getSystemLoadAverage();
            long cpu = os.getProcessCpuTime();
            ComposeResult r = composer.compose(inputs, Duration.ofSeconds(60), out, null);
            report.append(String.format("%n  %d participants: %d ms wall, %d ms CPU (all threads), load average %.1f"
                    + " on %d cores (%s, %d bytes)", participants, r.took().toMillis(),
                    (os.getProcessCpuTime() - cpu) / 1_000_000, load, os.getAvailableProcessors(), r.encoder(), r.bytes()));
            assertThat(Files.size(out)).isEqualTo(r.bytes());
            assertThat(ComposeMedia.probe(out, "stream=codec_name")).containsExactlyInAnyOrder("h264", "aac");
        }
        System.out.println(report); // in target/failsafe-reports/*ComposeTimingIT*
    }
}
