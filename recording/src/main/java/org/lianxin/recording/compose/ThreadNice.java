package org.lianxin.recording.compose;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux nice value of the calling thread: composing is background work next to the SFU and the signaling, so a
 * live composition runs niced and, when the node is busy, falls behind and catches up (at the latest after the
 * session). Linux keeps the nice value per thread and threads inherit it from the thread that starts them, so the
 * encoder's and decoders' native workers started afterwards run niced too. Where it cannot be set (not Linux, no
 * libc through JNA) it logs once and the thread runs at normal priority.
 */
final class ThreadNice {

    private static final Logger log = LoggerFactory.getLogger(ThreadNice.class);
    private static final int PRIO_PROCESS = 0;
    private static volatile boolean warned;

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private ThreadNice() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (0 leaves it as it is; a value below the current one needs
     * privileges and is not tried).
     *
     * @return whether the thread now runs at that nice value
     */
    static boolean set(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be 0..19: " + nice);
        }
        if (nice == 0) {
            return true;
        }
        try {
            int tid = tid();
            if (Holder.C.setpriority(PRIO_PROCESS, tid, nice) != 0) {
                warnOnce("setpriority(" + tid + ", " + nice + ") failed: errno " + Native.getLastError());
                return false;
            }
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            warnOnce(e.toString());
            return false;
        }
    }

    /** The calling thread's nice value, from {@code /proc/thread-self/stat}. */
    static int current() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[16]); // field 19 of stat, counted from field 3 after the name
    }

    /** The calling thread's kernel id ({@code /proc/thread-self} links to {@code <pid>/task/<tid>}). */
    static int tid() throws IOException {
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Integer.parseInt(link.getFileName().toString());
    }

    private static void warnOnce(String why) {
        if (!warned) {
            warned = true;
            log.warn("compositions run at normal priority: cannot lower a thread's priority ({})", why);
        }
    }
}
