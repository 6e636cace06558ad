package io.github.otpverification.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak's JVM seen from outside: its CPU time from /proc, its heap through {@code jcmd}; for a
 * cluster, the CPU time of all its nodes' JVMs (the heap of the first). With an external database
 * (PostgreSQL), that server's CPU time too, apart.
 */
final class ServerProbe {

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");

    private static final String JCMD = Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jcmd"))
            ? Path.of(System.getProperty("java.home"), "bin", "jcmd").toString() : "jcmd";

    private final long pid;
    private final List<Long> pids;
    private final CpuClock clock;
    private final LongSupplier databaseTicks;

    ServerProbe(long pid, CpuClock clock) {
        this(List.of(pid), clock, null);
    }

    /**
     * @param pids          the Keycloak JVMs (one per node)
     * @param databaseTicks the database server's CPU ticks so far, or null when the database runs inside Keycloak
     */
    ServerProbe(List<Long> pids, CpuClock clock, LongSupplier databaseTicks) {
        this.pid = pids.get(0);
        this.pids = List.copyOf(pids);
        this.clock = clock;
        this.databaseTicks = databaseTicks;
    }

    /** Whether the database is a server of its own whose CPU {@link #databaseTicks()} reads. */
    boolean hasDatabase() {
        return databaseTicks != null;
    }

    /** CPU ticks of the database server so far (0 when it runs inside Keycloak). */
    long databaseTicks() {
        return databaseTicks == null ? 0 : databaseTicks.getAsLong();
    }

    long pid() {
        return pid;
    }

    CpuClock clock() {
        return clock;
    }

    long cpuTicks() {
        long ticks = 0;
        for (long node : pids) {
            ticks += clock.processTicks(node);
        }
        return ticks;
    }

    /**
     * Waits (at most {@code maxSeconds}) until Keycloak is idle, below a tenth of a core over half a
     * second: the JIT compilations and collections a warm-up started are then done and do not count
     * as the next phase's CPU.
     *
     * @return false when Keycloak was still busy at the deadline
     */
    boolean awaitIdle(int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long before = cpuTicks();
            Thread.sleep(500);
            if (clock.seconds(cpuTicks() - before) < 0.05) {
                return true;
            }
        }
        return false;
    }

    /**
     * Used heap in bytes after full collections ({@code jcmd GC.run}): the smallest of a few
     * readings, so that objects allocated between a collection and its reading count less.
     */
    long heapUsedAfterGc(int readings) throws IOException, InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < readings; i++) {
            jcmd("GC.run");
            least = Math.min(least, heapUsed());
        }
        return least;
    }

    private long heapUsed() throws IOException, InterruptedException {
        String info = jcmd("GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(2)) * 1024;
    }

    /** Live objects per class after a full GC ({@code jcmd GC.class_histogram}): class -> {instances, bytes}. */
    Map<String, long[]> classHistogram() throws IOException, InterruptedException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").lines().toList()) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }

    String jcmd(String command) throws IOException, InterruptedException {
        List<String> call = new ArrayList<>(List.of(JCMD, Long.toString(pid)));
        call.addAll(List.of(command.split(" ")));
        Process process = new ProcessBuilder(call).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
