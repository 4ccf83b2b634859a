package org.lianxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code ./lianxin bench recording} reads from /proc: process CPU time, UDP counters, per-socket drops. */
final class RecordingProc {
    /** Clock ticks per second of utime/stime (USER_HZ; 100 on Linux/x86-64). */
    static final long CLK_TCK = clockTicks();

    private RecordingProc() {
    }

    /** utime + stime of a process (all its threads), in nanoseconds; -1 if it is gone. */
    static long cpuNanos(long pid) {
        try {
            String stat = String.join(" ", Files.readAllLines(Path.of("/proc", Long.toString(pid), "stat")));
            // the command name may contain spaces: fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state); utime is field 14, stime field 15
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sum of {@link #cpuNanos} over processes; fails if one is gone (it would make the sum wrong). */
    static long cpuNanos(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            long c = cpuNanos(pid);
            if (c < 0) {
                throw new IllegalStateException("process " + pid + " ended during the measurement");
            }
            sum += c;
        }
        return sum;
    }

    /** The Udp line of /proc/net/snmp as name → value (InDatagrams, NoPorts, InErrors, RcvbufErrors, …). */
    static Map<String, Long> udpCounters() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            String[] names = null;
            for (String l : lines) {
                if (l.startsWith("Udp: ")) {
                    if (names == null) {
                        names = l.substring(5).trim().split("\\s+");
                    } else {
                        String[] v = l.substring(5).trim().split("\\s+");
                        Map<String, Long> m = new HashMap<>();
                        for (int i = 0; i < names.length; i++) {
                            m.put(names[i], Long.parseLong(v[i]));
                        }
                        return m;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no Udp line in /proc/net/snmp");
    }

    static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        return after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
    }

    /** Bound IPv4 UDP sockets with their local port in [min, max]: port → drops (last column of /proc/net/udp). */
    static Map<Integer, Long> udpSockets(int min, int max) {
        Map<Integer, Long> m = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/udp"));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (port >= min && port <= max) {
                    m.merge(port, Long.parseLong(f[f.length - 1]), Long::sum);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /** Waits until all these UDP ports are bound (the recorder is listening). */
    static void awaitBound(Set<Integer> ports, int min, int max, long timeoutMs, Runnable aliveCheck)
            throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            aliveCheck.run();
            Map<Integer, Long> bound = udpSockets(min, max);
            if (bound.keySet().containsAll(ports)) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                long missing = ports.stream().filter(p -> !bound.containsKey(p)).count();
                throw new IllegalStateException(missing + " of " + ports.size() + " ports not bound after "
                        + timeoutMs + " ms");
            }
            Thread.sleep(200);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(s);
        } catch (Exception e) {
            return 100;
        }
    }
}
