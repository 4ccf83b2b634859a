package org.lianxin.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the spool finds of a recording after a crash. */
class SpoolTest {

    @TempDir
    Path root;

    @Test
    void findsClosedSegmentsUnderEitherNameAndCutShortOnesByTrackAndIndex() throws Exception {
        Spool spool = new Spool(root);
        file("recordings/5/s0-p1/000000.mkv"); // chained or moved already, under its key
        file("recordings/5/s0-p1/s0-p1-000001.mkv"); // closed, the crash came before it was moved
        file("recordings/5/s0-p1/s0-p1-000002.mkv.part"); // the open segment
        file("recordings/5/s1-p1-2/s1-p1-2-000000.mkv.part");
        file("recordings/5/s0-p1/s0-p1.sdp"); // not a segment
        file("recordings/5/manifest.json");
        file("recordings/6/s0-p1/000000.mkv"); // another recording

        assertThat(spool.leftovers(5)).extracting(Spool.Leftover::trackId, Spool.Leftover::index,
                Spool.Leftover::cutShort).containsExactly(tuple("s0-p1", 0, false), tuple("s0-p1", 1, false),
                tuple("s0-p1", 2, true), tuple("s1-p1-2", 0, true));
        assertThat(spool.manifestsWaiting()).containsExactly(5L);
    }

    @Test
    void partialFilesAreDeletedAndOnlyTheCompositionFoldersStillFollowedAreKept() throws Exception {
        Spool spool = new Spool(root);
        Path part = file("recordings/5/s0-p1/s0-p1-000002.mkv.part");
        Path salvaging = file("recordings/5/s0-p1/000002.mkv.salvaging");
        Path closed = file("recordings/5/s0-p1/000001.mkv");
        Path live = file("live-compose/5/composed.mp4.part");
        Path followed = file("live-compose/6/s0-p1-0.mkv");
        Path work = file("compose/7/s0-p1-0.mkv");

        spool.deletePartials();
        spool.deleteCompositionLeftovers(id -> id == 6);

        assertThat(part).doesNotExist();
        assertThat(salvaging).doesNotExist();
        assertThat(closed).exists();
        assertThat(live.getParent()).doesNotExist();
        assertThat(followed).exists();
        assertThat(work.getParent()).doesNotExist();
    }

    private Path file(String relative) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
        return p;
    }
}
