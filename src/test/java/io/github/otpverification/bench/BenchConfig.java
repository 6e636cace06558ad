package io.github.otpverification.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the benchmark does and how much of it, from system properties ({@code -Dbench.x=...});
 * {@code -Dbench.quick=true} picks small counts for a ~8-10 minute run while developing.
 *
 * @param mode             {@code start} (production mode, the default) or {@code start-dev}
 * @param heap             Keycloak's heap options ({@code JAVA_OPTS_KC_HEAP})
 * @param vus              concurrent virtual users of scenarios 1 to 3
 * @param jitWarmupLogins  unmeasured logins per realm before anything is measured (Keycloak's JIT needs thousands of requests)
 * @param jitWarmupRest    unmeasured operations of each REST kind before anything is measured
 * @param warmup           unmeasured operations right before each measured phase
 * @param logins           measured logins per realm (scenario 1)
 * @param loginUsers       users per login realm (enough that no one hits the default hourly send caps)
 * @param restPairs        measured send+verify pairs, and built-in sends, of scenario 2
 * @param verifies         measured verify-only calls of scenario 3
 * @param hmacChecks       in-process code checks of scenario 3
 * @param smallRealm       users in the REST realm for the first scaling run
 * @param largeRealm       users in the REST realm for the second scaling run and the memory scenario
 * @param pendingCodes     codes left pending in scenario 4
 * @param killedCodes      codes of scenario 4 killed by wrong codes (sent, then guessed wrong until dead)
 * @param guestCodes       guest codes of scenario 4 ({@code /email/send-code}, an address and no user)
 * @param codeTtl          seconds every code of scenario 4 lives after the last one was sent
 * @param capCodes         scenario 4's last part: sends to people and as many guest sends with the default caps on,
 *                         read once their codes expired (what the caps' own entries hold)
 * @param scalingClients   concurrency levels of scenario 5
 * @param scalingPairs     measured send+verify pairs per level of scenario 5
 * @param importBatch      users per partial import request (large batches are slower per user)
 * @param importParallel   partial import requests at a time
 * @param expiryWaitMax    longest wait, in seconds after the last code's expiry, for expired codes to leave the heap
 * @param leftoverWait     whether scenario 4 waits until what the REST scenarios left in the cache has expired
 * @param totpUsers        users of the TOTP realm (each signs in at most once per 30 s step: Keycloak refuses a used code)
 * @param profile          async-profiler's event ({@code cpu}, {@code itimer}, ...) for a profiled phase per login kind
 *                         after scenario 1 ({@code -Dbench.profile=cpu}); null: no profiler
 * @param profileInterval  async-profiler's sampling interval ({@code -Dbench.profileInterval}, e.g. {@code 1ms})
 * @param profileLogins    logins of each kind in its profiled phase
 * @param asyncProfiler    {@code libasyncProfiler.so} ({@code linux-x64}), unpacked by the bench profile
 * @param database         {@code dev-file} (H2 inside Keycloak's JVM, the default) or {@code postgres}: a throwaway
 *                         PostgreSQL (Debian's binaries) on {@code databasePort}, its CPU reported apart
 *                         ({@code -Dbench.db=postgres}; the report then goes to {@code benchmarks-postgres.md})
 * @param databasePort     port of that PostgreSQL
 * @param clusterUsers     users of scenario 7 (one node, then the two-node cluster)
 * @param clusterPairs     measured send+verify pairs of each side of scenario 7
 * @param only             {@code blind}: only scenario 6; {@code logins}: only scenario 1 (and its profiles);
 *                         {@code memory}: only scenario 4 (with the users and the verify calls of scenario 3 it needs);
 *                         {@code cluster}: only scenario 7 (never part of a full run); null: everything else
 * @param blindUsers       users with a verified phone number (and a mail address) in the blind realm
 * @param blindWarmup      unmeasured operations of each side of each blind page before its A-B-A-B parts
 * @param blindOps         measured operations of each side of each blind page (scenario 6)
 * @param gatewayPort      port of the slow fake SMS gateway in this JVM
 * @param gatewayDelayMillis how long the fake gateway takes to answer each SMS ({@code -Dbench.gatewayDelayMillis})
 * @param blindPauseMillis how long each virtual user of scenario 6 waits after an operation ({@code -Dbench.blindPause}, 0: none),
 *                         so that what a known account's send costs after its request does not meet the next request
 * @param resetSide        {@code known} or {@code unknown}: both sides of the reset page's comparison use that kind of
 *                         account, a control of how far two runs of the same side differ ({@code -Dbench.resetSide}); empty: known vs unknown
 * @param outputDir        where benchmarks.md and the chart go (target/benchmark for quick runs and single scenarios)
 */
record BenchConfig(boolean quick, Path distDir, Path extensionJar, Path demoRealm, int httpPort, int smtpPort,
                   String mode, String heap, int vus, int jitWarmupLogins, int jitWarmupRest, int warmup, int logins,
                   int loginUsers, int restPairs,
                   int verifies, int hmacChecks, int smallRealm, int largeRealm, int pendingCodes, int killedCodes,
                   int guestCodes, int codeTtl, int capCodes,
                   List<Integer> scalingClients, int scalingPairs, int importBatch, int importParallel, int expiryWaitMax,
                   boolean leftoverWait, int totpUsers, String profile, String profileInterval, int profileLogins,
                   Path asyncProfiler, String database, int databasePort, int clusterUsers, int clusterPairs, String only, int blindUsers, int blindWarmup, int blindOps, int gatewayPort, int gatewayDelayMillis,
                   int blindPauseMillis, String resetSide, Path outputDir) {

    static BenchConfig fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        int jitLogins = integer("bench.jitWarmupLogins", quick ? 40 : 1000);
        int warmup = integer("bench.warmup", quick ? 20 : 100);
        int logins = integer("bench.logins", quick ? 60 : 1000);
        int pending = integer("bench.pendingCodes", quick ? 5_000 : 100_000);
        Path basedir = Path.of(System.getProperty("bench.basedir", "."));
        String only = System.getProperty("bench.only", "").isBlank() ? null : System.getProperty("bench.only").trim();
        if (only != null && !List.of("blind", "logins", "cluster", "memory").contains(only)) {
            throw new IllegalArgumentException("bench.only is blind, logins, cluster or memory (or unset for everything), not " + only);
        }
        int vus = integer("bench.vus", 4);
        int loginUsers = integer("bench.loginUsers", Math.max(quick ? 50 : 200, (jitLogins + warmup + logins + 3) / 4));
        String profile = System.getProperty("bench.profile", "").isBlank() ? null : System.getProperty("bench.profile").trim();
        String database = System.getProperty("bench.db", "dev-file");
        if (!List.of("dev-file", "postgres").contains(database)) {
            throw new IllegalArgumentException("bench.db is dev-file or postgres, not " + database);
        }
        return new BenchConfig(quick,
                Path.of(required("keycloak.dist.dir")),
                Path.of(required("extension.jar")),
                basedir.resolve("demo/demo-realm.json"),
                integer("bench.httpPort", 8380),
                integer("bench.smtpPort", 2525),
                System.getProperty("bench.mode", "start"),
                System.getProperty("bench.heap", "-Xms1g -Xmx1g"),
                vus,
                jitLogins,
                integer("bench.jitWarmupRest", quick ? 200 : 5000),
                warmup,
                logins,
                // the default caps allow 5 sends per address and hour: at most 4 logins per user
                loginUsers,
                integer("bench.restPairs", quick ? 150 : 3000),
                integer("bench.verifies", quick ? 300 : 2000),
                integer("bench.hmacChecks", 100_000),
                integer("bench.smallRealm", 1_000),
                integer("bench.largeRealm", Math.max(pending, quick ? 5_000 : 100_000)),
                pending,
                integer("bench.killedCodes", quick ? 2_000 : 20_000),
                integer("bench.guestCodes", quick ? 2_000 : 20_000),
                integer("bench.codeTtl", quick ? 30 : 60),
                integer("bench.capCodes", quick ? 2_000 : 50_000),
                Arrays.stream(System.getProperty("bench.scalingClients", "1,2,4,8").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                integer("bench.scalingPairs", quick ? 80 : 1500),
                integer("bench.importBatch", 1_000),
                integer("bench.importParallel", 2),
                integer("bench.expiryWaitMax", quick ? 200 : 360),
                // also in quick mode: leftovers expiring during scenario 4 would hide entries that outlive their codes
                Boolean.parseBoolean(System.getProperty("bench.leftoverWait", "true")),
                // a virtual user signs in ~10 times a second: enough people that none comes back within a 30 s step
                integer("bench.totpUsers", Math.max(loginUsers, vus * (quick ? 50 : 320))),
                profile,
                System.getProperty("bench.profileInterval", "1ms"),
                integer("bench.profileLogins", quick ? 200 : 1000),
                Path.of(System.getProperty("bench.asyncProfilerLib", "target/async-profiler/linux-x64/libasyncProfiler.so")),
                database,
                integer("bench.dbPort", 5480),
                integer("bench.clusterUsers", quick ? 200 : 1000),
                integer("bench.clusterPairs", quick ? 200 : 3000),
                only,
                integer("bench.blindUsers", quick ? 100 : 500),
                integer("bench.blindWarmup", quick ? 300 : 1000),
                integer("bench.blindOps", quick ? 400 : 2000),
                integer("bench.gatewayPort", 8390),
                integer("bench.gatewayDelayMillis", 200),
                integer("bench.blindPause", 0),
                System.getProperty("bench.resetSide", "").trim(),
                Path.of(System.getProperty("bench.outputDir",
                        basedir.resolve(quick || only != null ? "target/benchmark" : "docs").toString())));
    }

    /** Whether every scenario runs (no {@code bench.only}). */
    boolean everything() {
        return only == null;
    }

    /** Whether Keycloak's database is a PostgreSQL server of its own (whose CPU is reported apart). */
    boolean postgres() {
        return database.equals("postgres");
    }

    /** The report's file name: {@code benchmarks.md}, or {@code benchmarks-postgres.md} against PostgreSQL. */
    String reportName() {
        return postgres() ? "benchmarks-postgres" : "benchmarks";
    }

    /** The chart's file name, beside the report. */
    String chartName() {
        return postgres() ? "benchmark-chart-postgres.png" : "benchmark-chart.png";
    }

    /** Whether scenario {@code name} ({@code logins}, {@code blind}, {@code cluster}) runs; the cluster only when asked for. */
    boolean runs(String name) {
        return only == null ? !name.equals("cluster") : only.equals(name);
    }

    int managementPort() {
        return httpPort + 1000;
    }

    private static int integer(String key, int fallback) {
        return Integer.parseInt(System.getProperty(key, Integer.toString(fallback)));
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("system property " + key + " is missing (run mvn -Pbench verify)");
        }
        return value;
    }
}
