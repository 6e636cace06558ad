package io.github.otpverification.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs operations on a number of virtual users, each a thread with its own HTTP client and
 * cookies, closed-loop (the next operation starts when the last one answered): first unmeasured
 * warm-up operations, then the measured ones, with Keycloak's CPU time read before and after.
 */
final class LoadPhase {

    /** One virtual user: does one operation per call and times its steps. */
    interface Client {
        void op(Timings timings) throws Exception;
    }

    private static final int ERROR_SAMPLES = 5;

    private final ServerProbe server;

    LoadPhase(ServerProbe server) {
        this.server = server;
    }

    /** Creates the clients, warms up with {@code warmup} operations and measures {@code ops} more. */
    PhaseResult run(String name, int clients, int warmup, int ops, IntFunction<Client> newClient) throws InterruptedException {
        List<Client> team = team(clients, newClient);
        warm(name, team, warmup);
        return measure(name, team, ops);
    }

    static List<Client> team(int clients, IntFunction<Client> newClient) {
        List<Client> team = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            team.add(newClient.apply(i));
        }
        return team;
    }

    /** Unmeasured operations; fails when most of them fail (the setup is wrong, not the server slow). */
    void warm(String name, List<Client> team, int ops) throws InterruptedException {
        if (ops <= 0) {
            return;
        }
        PhaseResult warmUp = execute(name + " (warm-up)", team, ops);
        if (warmUp.errors > ops / 2) {
            throw new IllegalStateException(name + ": " + warmUp.errors + " of " + ops + " warm-up operations failed, e.g. "
                    + warmUp.errorSamples);
        }
    }

    /** Unmeasured operations in {@code chunks} parts, each part's figures kept: how the JIT warms up. */
    List<PhaseResult> warmCurve(String name, List<Client> team, int ops, int chunks) throws InterruptedException {
        List<PhaseResult> curve = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            PhaseResult part = execute(name + " (warm-up " + (i + 1) + "/" + chunks + ")", team, ops / chunks);
            System.out.println(part);
            curve.add(part);
        }
        return curve;
    }

    /** Measures {@code ops} operations on clients that exist (and are warm). */
    PhaseResult measure(String name, List<Client> team, int ops) throws InterruptedException {
        if (!server.awaitIdle(30)) {
            Benchmark.log("Keycloak still busy 30 s after the warm-up of %s; measuring anyway", name);
        }
        PhaseResult result = execute(name, team, ops);
        System.out.println(result);
        return result;
    }

    private PhaseResult execute(String name, List<Client> team, int ops) throws InterruptedException {
        PhaseResult result = new PhaseResult(name, team.size(), server.clock());
        AtomicInteger tickets = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Timings> perThread = new ArrayList<>();
        int[] ok = new int[team.size()];
        int[] errors = new int[team.size()];
        for (int i = 0; i < team.size(); i++) {
            Client client = team.get(i);
            Timings timings = new Timings();
            perThread.add(timings);
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (tickets.getAndIncrement() < ops) {
                    long start = System.nanoTime();
                    try {
                        client.op(timings);
                        timings.record(PhaseResult.OP, System.nanoTime() - start);
                        ok[index]++;
                    } catch (Exception e) {
                        errors[index]++;
                        synchronized (result.errorSamples) {
                            if (result.errorSamples.size() < ERROR_SAMPLES) {
                                result.errorSamples.add(String.valueOf(e.getMessage()));
                            }
                        }
                    }
                }
            }, "vu-" + i);
            thread.start();
            threads.add(thread);
        }
        long serverBefore = server.cpuTicks();
        long databaseBefore = server.databaseTicks();
        long clientBefore = server.clock().selfTicks();
        long machineBefore = server.clock().machineBusyTicks();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        result.wallSeconds = (System.nanoTime() - start) / 1e9;
        result.serverTicks = server.cpuTicks() - serverBefore;
        result.databaseTicks = server.databaseTicks() - databaseBefore;
        result.clientTicks = server.clock().selfTicks() - clientBefore;
        result.machineTicks = server.clock().machineBusyTicks() - machineBefore;
        for (int i = 0; i < team.size(); i++) {
            result.ok += ok[i];
            result.errors += errors[i];
            perThread.get(i).steps().forEach((step, latencies) ->
                    result.steps.computeIfAbsent(step, s -> new Latencies()).addAll(latencies));
        }
        return result;
    }
}
