package org.lianxin.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * CPU time (user + system) of some of this JVM's threads, Java and native alike, from {@code /proc/self/task/TID/stat},
 * sampled every {@code every} by a daemon thread and on each {@link #totalNanos} call. A thread is counted when its
 * name matches: the Java thread's full name, found from the kernel's name (the first 15 characters, which threads
 * started by native code — FFmpeg's and x264's workers — inherit from the thread that made them), else the kernel's
 * name itself (e.g. FFmpeg's own {@code av:vp8:df0}). A thread that ends between two samples loses at most one
 * interval of its CPU time. Resolution: the kernel's clock tick (10 ms).
 */
final class ThreadCpu implements AutoCloseable {
    /** What the kernel keeps of a thread's name (16 bytes with the terminating zero). */
    static final int COMM_LENGTH = 15;

    private record Task(String name, long baselineNanos, long lastNanos) {
    }

    private final Predicate<String> counted;
    private final Map<String, Task> tasks = new HashMap<>();
    private final Thread sampler;
    private boolean first = true;
    private volatile boolean closed;

    ThreadCpu(Predicate<String> counted, Duration every) {
        this.counted = counted;
        sample();
        sampler = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** CPU time of the counted threads since this object was made (threads that ended: up to their last sample). */
    synchronized long totalNanos() {
        sample();
        long sum = 0;
        for (Task t : tasks.values()) {
            if (counted.test(t.name())) {
                sum += t.lastNanos() - t.baselineNanos();
            }
        }
        return sum;
    }

    /** The same per thread name (threads of one name summed), largest first, for a report. */
    synchronized Map<String, Long> byName() {
        sample();
        Map<String, Long> m = new TreeMap<>();
        for (Task t : tasks.values()) {
            if (counted.test(t.name())) {
                m.merge(t.name(), t.lastNanos() - t.baselineNanos(), Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private synchronized void sample() {
        Map<String, String> javaNames = null; // made when a new thread is seen
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : dir) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).trim().split(" ");
                long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / RecordingProc.CLK_TCK;
                // a thread is its id and start time (f[19]: field 22, starttime), in case an id is used again
                String key = task.getFileName() + "@" + f[19];
                Task known = tasks.get(key);
                if (known == null) {
                    if (javaNames == null) {
                        javaNames = javaNames();
                    }
                    // there at the start: count from now; born since: count all of it
                    tasks.put(key, new Task(javaNames.getOrDefault(comm, comm), first ? nanos : 0, nanos));
                } else {
                    tasks.put(key, new Task(known.name(), known.baselineNanos(), nanos));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task", e);
        }
        first = false;
    }

    /** Kernel name (the first 15 characters) → full name of this JVM's live Java threads. */
    private static Map<String, String> javaNames() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = threads[i].getName();
            names.putIfAbsent(name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name, name);
        }
        return names;
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
    }
}
