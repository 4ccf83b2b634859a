package org.lianxin.recording.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

    /** Runs {@code body} on a new thread (the nice value stays with that thread) and returns what it returns. */
    private static <T> T onNewThread(java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        t.join();
        return result.get();
    }

    @Test
    void aNicedThreadRunsAtThatNiceValueAndTheThreadsItStartsInheritIt() throws Exception {
        int[] seen = onNewThread(() -> {
            int before = ThreadNice.current();
            boolean set = ThreadNice.set(before + 7 > 19 ? 19 : before + 7);
            int after = ThreadNice.current();
            int child = onNewThread(ThreadNice::current); // as FFmpeg's and x264's worker threads are started
            return new int[] {before, set ? 1 : 0, after, child};
        });
        assertThat(seen[1]).as("set").isEqualTo(1);
        assertThat(seen[2]).as("nice after").isEqualTo(Math.min(19, seen[0] + 7));
        assertThat(seen[3]).as("a thread started afterwards").isEqualTo(seen[2]);
        assertThat(ThreadNice.current()).as("the test's own thread is untouched").isEqualTo(seen[0]);
    }

    @Test
    void zeroLeavesTheThreadAsItIsAndValuesOutsideZeroToNineteenAreRefused() throws Exception {
        int[] seen = onNewThread(() -> new int[] {ThreadNice.current(), ThreadNice.set(0) ? 1 : 0, ThreadNice.current()});
        assertThat(seen[1]).isEqualTo(1);
        assertThat(seen[2]).isEqualTo(seen[0]);
        assertThatThrownBy(() -> ThreadNice.set(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadNice.set(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
