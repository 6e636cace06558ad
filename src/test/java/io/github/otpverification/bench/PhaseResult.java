package io.github.otpverification.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured phase: operations that succeeded and failed, wall time, latencies per timed step
 * ({@code op} is the whole operation), and CPU ticks of Keycloak, of this load generator and of
 * the whole machine over the phase.
 */
final class PhaseResult {

    static final String OP = "op";

    final String name;
    final int clients;
    int ok;
    int errors;
    double wallSeconds;
    long serverTicks;
    /** CPU ticks of the database server (PostgreSQL), when it is one of its own. */
    long databaseTicks;
    long clientTicks;
    long machineTicks;
    final Map<String, Latencies> steps = new LinkedHashMap<>();
    final List<String> errorSamples = new ArrayList<>();
    private final CpuClock clock;

    PhaseResult(String name, int clients, CpuClock clock) {
        this.name = name;
        this.clients = clients;
        this.clock = clock;
    }

    /** This phase and another run of the same operations (e.g. the second half of an A-B-A-B run). */
    PhaseResult plus(PhaseResult other) {
        PhaseResult sum = new PhaseResult(name, clients, clock);
        sum.add(this);
        sum.add(other);
        return sum;
    }

    /** The same figures under another name. */
    PhaseResult named(String newName) {
        PhaseResult copy = new PhaseResult(newName, clients, clock);
        copy.add(this);
        return copy;
    }

    private void add(PhaseResult part) {
        ok += part.ok;
        errors += part.errors;
        wallSeconds += part.wallSeconds;
        serverTicks += part.serverTicks;
        databaseTicks += part.databaseTicks;
        clientTicks += part.clientTicks;
        machineTicks += part.machineTicks;
        part.steps.forEach((step, latencies) -> steps.computeIfAbsent(step, s -> new Latencies()).addAll(latencies));
        errorSamples.addAll(part.errorSamples);
    }

    Latencies step(String step) {
        return steps.getOrDefault(step, new Latencies());
    }

    double throughput() {
        return ok / wallSeconds;
    }

    /** Keycloak CPU milliseconds per successful operation. */
    double serverCpuMillisPerOp() {
        return clock.seconds(serverTicks) * 1000 / ok;
    }

    /** Database server CPU milliseconds per successful operation (0 with the database inside Keycloak). */
    double databaseCpuMillisPerOp() {
        return clock.seconds(databaseTicks) * 1000 / ok;
    }

    /** Cores Keycloak kept busy on average. */
    double serverCores() {
        return clock.seconds(serverTicks) / wallSeconds;
    }

    double clientCores() {
        return clock.seconds(clientTicks) / wallSeconds;
    }

    /** Cores that neither Keycloak, its database server nor this load generator used: other people's processes. */
    double otherCores() {
        return Math.max(0, clock.seconds(machineTicks - serverTicks - databaseTicks - clientTicks) / wallSeconds);
    }

    @Override
    public String toString() {
        Latencies op = step(OP);
        return String.format("%-44s %6d ok %4d err %8.1f ops/s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  KC CPU %6.2f ms/op  "
                        + "(KC %.2f, client %.2f, other %.2f cores)" + (databaseTicks > 0 ? String.format("  DB CPU %.2f ms/op",
                        databaseCpuMillisPerOp()) : ""),
                name + " x" + clients, ok, errors, throughput(), op.percentileMillis(50), op.percentileMillis(95),
                op.percentileMillis(99), serverCpuMillisPerOp(), serverCores(), clientCores(), otherCores());
    }
}
