package io.github.otpverification.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}: a process's user + system time ({@code /proc/<pid>/stat} fields 14
 * and 15) and the whole machine's busy time ({@code /proc/stat}), in clock ticks.
 */
final class CpuClock {

    /** Clock ticks per second ({@code getconf CLK_TCK}). */
    final long ticksPerSecond;

    CpuClock() {
        this.ticksPerSecond = clockTicks();
    }

    /** utime + stime of a process, all its threads (GC and JIT included). */
    long processTicks(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * A server made of processes that come and go (PostgreSQL: a backend per connection): the
     * parent's own time and that of its children it has waited for (fields 16 and 17), plus the
     * live children's time.
     */
    long processTreeTicks(ProcessHandle parent) {
        String stat = read(Path.of("/proc/" + parent.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
        for (ProcessHandle child : parent.children().toList()) {
            try {
                ticks += processTicks(child.pid());
            } catch (UncheckedIOException gone) {
                // ended meanwhile: its time is in the parent's children's time now
            }
        }
        return ticks;
    }

    long selfTicks() {
        return processTicks(ProcessHandle.current().pid());
    }

    /** Busy ticks of all cores: user, nice, system, irq, softirq and steal. */
    long machineBusyTicks() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[field]);
        }
        return busy;
    }

    double seconds(long ticks) {
        return ticks / (double) ticksPerSecond;
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
