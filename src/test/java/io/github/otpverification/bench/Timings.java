package io.github.otpverification.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The timed steps of one virtual user's operations (one instance per thread). */
final class Timings {

    private final Map<String, Latencies> steps = new LinkedHashMap<>();

    <T> T time(String step, Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        record(step, System.nanoTime() - start);
        return result;
    }

    void record(String step, long nanos) {
        steps.computeIfAbsent(step, s -> new Latencies()).add(nanos);
    }

    Map<String, Latencies> steps() {
        return steps;
    }
}
