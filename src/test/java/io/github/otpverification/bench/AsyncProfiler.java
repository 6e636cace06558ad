package io.github.otpverification.bench;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * async-profiler ({@code tools.profiler:async-profiler}, its {@code linux-x64/libasyncProfiler.so}
 * unpacked by the {@code bench} profile) in Keycloak's JVM, with {@code -Dbench.profile=cpu} (or
 * {@code itimer}, {@code wall}, ...: the event). The JVM starts with the agent loaded and idle
 * ({@link #jvmOptions()}); {@link #start} and {@link #stop} then send it commands the way
 * {@code asprof} and {@code jattach} do, by loading the same library again through the attach API
 * ({@code VirtualMachine.loadAgentPath(lib, command)}; {@code jcmd JVMTI.agent_load} would split the
 * command at its {@code =}), so that each profile holds one phase of the benchmark and nothing else.
 */
final class AsyncProfiler {

    private final Path library;
    private final String event;
    private final String interval;

    AsyncProfiler(Path library, String event, String interval) {
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("no async-profiler at " + library + " (mvn -Pbench verify unpacks it)");
        }
        this.library = library;
        this.event = event;
        this.interval = interval;
    }

    String event() {
        return event;
    }

    String interval() {
        return interval;
    }

    /**
     * For {@code JAVA_OPTS_APPEND}: the agent loaded without a command, and the JIT's debug
     * information at every instruction, so that samples are not shifted to the last safepoint.
     */
    String jvmOptions() {
        return "-agentpath:" + library + " -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints";
    }

    /** Starts sampling the whole JVM (every thread: requests, GC, JIT, the H2 database). */
    void start(ServerProbe server) throws IOException {
        command(server, "start,event=" + event + ",interval=" + interval);
    }

    /**
     * Stops sampling and writes what was sampled since {@link #start}: {@code name.html} (a flame
     * graph) and {@code name.collapsed} (one line per stack with its sample count, for reading by script).
     */
    void stop(ServerProbe server, Path dir, String name, String title) throws IOException {
        Files.createDirectories(dir);
        command(server, "dump,collapsed,file=" + dir.toAbsolutePath().resolve(name + ".collapsed"));
        command(server, "stop,title=" + title.replaceAll("[,=]", "_") + ",file="
                + dir.toAbsolutePath().resolve(name + ".html"));
    }

    private void command(ServerProbe server, String command) throws IOException {
        try {
            VirtualMachine jvm = VirtualMachine.attach(Long.toString(server.pid()));
            try {
                jvm.loadAgentPath(library.toString(), command);
            } finally {
                jvm.detach();
            }
        } catch (AttachNotSupportedException | AgentLoadException | AgentInitializationException e) {
            // the agent's own message (e.g. "Perf events unavailable") is in Keycloak's log
            throw new IllegalStateException("async-profiler refused '" + command + "' (see keycloak.log): " + e, e);
        }
    }
}
