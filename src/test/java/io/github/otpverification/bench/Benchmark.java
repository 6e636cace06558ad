package io.github.otpverification.bench;

import io.github.otpverification.testsupport.KeycloakProcess;
import io.github.otpverification.testsupport.MailCatcher;
import io.github.otpverification.testsupport.Waits;
import io.github.otpverification.testsupport.cluster.ClusterNode;
import io.github.otpverification.testsupport.cluster.KeycloakCluster;
import io.github.otpverification.testsupport.cluster.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mvn -B -Pbench verify}: starts Keycloak 26.7.5 from the distribution with the packaged
 * jar and measures what the extension costs (logins with the password only, with the Email OTP
 * step, with Keycloak's own TOTP form as the anchor and with the SMS OTP step, each kind optionally
 * profiled by async-profiler ({@code -Dbench.profile=cpu}); the
 * REST API against Keycloak's own verify-email mail, the code check, memory of pending codes,
 * of codes killed by wrong codes and of guest codes, scaling, blind pages answering a known and an unknown
 * account alike; {@code -Dbench.only=blind} runs that last one alone, {@code -Dbench.only=logins} the first). Writes {@code docs/benchmarks.md} and {@code docs/benchmark-chart.png} (with
 * {@code -Dbench.quick=true}: small counts, written to {@code target/benchmark/}).
 */
public final class Benchmark {

    private static final long START = System.nanoTime();
    /** Loopback ports of scenario 7's nodes: HTTP, management, JGroups (clear of the test suite's 8280/8281). */
    private static final ClusterNode.Ports NODE_A = new ClusterNode.Ports(8580, 9580, 7580);
    private static final ClusterNode.Ports NODE_B = new ClusterNode.Ports(8581, 9581, 7581);
    /** Keycloak's default size of the {@code users} cache. */
    private static final int USER_CACHE_ENTRIES = 10_000;
    /** Infinispan's default expiration reaper interval, which the {@code actionTokens} cache keeps. */
    private static final int REAPER_SECONDS = 60;
    /** Parts of each side of an A-B comparison, measured in turn. */
    private static final int ALTERNATIONS = 4;
    /** Code lifetime of the REST scenarios before scenario 4 (the shortest the settings allow). */
    private static final int REST_TTL_SECONDS = 30;
    /** Guest addresses of scenario 4's rate sample start here, apart from the held ones. */
    private static final int GUEST_SAMPLE_OFFSET = 50_000_000;
    /** Purpose of the codes scenario 4 kills, so that they do not replace the same people's pending login codes. */
    private static final String KILLED_PURPOSE = "reset-credentials";
    /** Usernames of scenario 6's people; the number after it gives their phone number. */
    private static final String BLIND_PREFIX = "blind-";
    /** The value of every entry of Keycloak's single-use-object store (codes, attempt and cap slots, action tokens). */
    private static final String STORE_ENTRY = "org.keycloak.models.sessions.infinispan.entities.SingleUseObjectValueEntity";

    private final BenchConfig config;
    private final BenchResults results = new BenchResults();
    private final MailCatcher mail;
    /** The blind pages' mail server, which forgets every mail (see there why not GreenMail). */
    private final DiscardingSmtp blindMail;
    private final KeycloakProcess keycloak;
    private final SlowSmsGateway gateway;
    /** The benchmark's work directory (realm files, the cluster's nodes) and the OTP realm's file (the cluster imports it too). */
    private final Path workDir;
    private final Path otpRealmFile;
    /** Null with the database inside Keycloak (H2). */
    private final ThrowawayPostgres database;
    /** Null without {@code -Dbench.profile}. */
    private final AsyncProfiler profiler;
    private long measuringSince;
    private long lastCodeSentAt;
    /** When the first and the last code of scenario 4 expire (epoch seconds). */
    private long firstExpiry = Long.MAX_VALUE;
    private long lastExpiry;
    private ServerProbe server;
    private LoadPhase load;
    private AdminApi otpAdmin;
    private RestClients rest;
    private List<AdminApi.BenchUser> apiUsers;
    private int loginUsers;
    private List<AdminApi.BenchUser> pwPeople;
    private List<AdminApi.BenchUser> otpPeople;
    private List<AdminApi.BenchUser> totpPeople;
    private List<AdminApi.BenchUser> smsPeople;
    private AdminApi smsAdmin;

    private Benchmark(BenchConfig config, MailCatcher mail, DiscardingSmtp blindMail, SlowSmsGateway gateway, KeycloakProcess keycloak,
                      AsyncProfiler profiler, ThrowawayPostgres database, Path workDir, Path otpRealmFile) {
        this.config = config;
        this.workDir = workDir;
        this.otpRealmFile = otpRealmFile;
        this.database = database;
        this.profiler = profiler;
        this.mail = mail;
        this.blindMail = blindMail;
        this.gateway = gateway;
        this.keycloak = keycloak;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchConfig config = BenchConfig.fromSystemProperties();
        Path work = Path.of(config.distDir().getParent().getParent().toString(), "benchmark");
        DiscardingSmtp blindMail = new DiscardingSmtp();
        Path[] realms = BenchRealms.write(config.demoRealm(), work, config.smtpPort(), blindMail.port());
        KeycloakProcess keycloak = KeycloakProcess.packaged(config.distDir(), config.httpPort(), config.extensionJar(), realms)
                .environment("JAVA_OPTS_KC_HEAP", config.heap());
        AsyncProfiler profiler = config.profile() == null ? null
                : new AsyncProfiler(config.asyncProfiler(), config.profile(), config.profileInterval());
        // -Dbench.keycloakJvmOptions: more options for Keycloak's JVM (e.g. a system property to measure), after the profiler's
        String jvmOptions = ((profiler == null ? "" : profiler.jvmOptions()) + " "
                + System.getProperty("bench.keycloakJvmOptions", "")).trim();
        if (!jvmOptions.isEmpty()) {
            keycloak.environment("JAVA_OPTS_APPEND", jvmOptions);
        }
        try (blindMail; MailCatcher mail = new MailCatcher(config.smtpPort());
             SlowSmsGateway gateway = new SlowSmsGateway(config.gatewayPort(), config.gatewayDelayMillis());
             ThrowawayPostgres database = config.postgres() ? ThrowawayPostgres.start(config.databasePort(), "keycloak") : null) {
            Benchmark benchmark = new Benchmark(config, mail, blindMail, gateway, keycloak, profiler, database, work, realms[0]);
            try {
                benchmark.run();
            } finally {
                keycloak.close();
            }
        }
    }

    private void run() throws Exception {
        waitForQuietMachine();
        measuringSince = System.nanoTime();
        describeMachine();
        startKeycloak();
        if (config.runs("logins") || config.runs("memory")) {
            prepareUsers();
        }
        if (config.runs("logins")) {
            loginScenario();
        }
        if (!config.everything() && config.runs("memory")) {
            // scenario 4 alone: its estimates come from scenario 3's calls, its people from the grown realm
            restSettingsForApiScenarios();
            // twice: the lifetimes of scenario 4 are estimated from these rates, and a cold JVM's are several times too low
            verifyCost();
            verifyCost();
            lastCodeSentAt = System.nanoTime();
            growRealm();
            memoryOfCodes();
        }
        if (config.everything()) {
            restSettingsForApiScenarios();
            sendVersusBuiltIn();
            verifyCost();
            scaling(results.scalingSmall);
            growRealm();
            scaling(results.scalingLarge);
            memoryOfCodes();
        }
        // last: its pending codes and sessions would count in scenario 4's heap
        if (config.runs("blind")) {
            blindPages();
        }
        if (config.runs("cluster")) {
            cluster();
        }

        results.loadAtEnd = loadAverage();
        results.minutes = (System.nanoTime() - measuringSince) / 60e9;
        Files.createDirectories(config.outputDir());
        String report = new Report(results, config).markdown();
        Path markdown = config.outputDir().resolve(config.reportName() + ".md");
        Files.writeString(markdown, report + Report.keptNotes(markdown));
        if (config.everything()) {
            new Chart(results).write(config.outputDir().resolve(config.chartName()));
        }
        System.out.println();
        System.out.println(report);
        System.out.println("Written: " + markdown + (config.everything() ? " and " + config.chartName() : ""));
    }

    private void describeMachine() throws IOException {
        results.started = ZonedDateTime.now(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        results.cores = Runtime.getRuntime().availableProcessors();
        results.ramMb = memTotalKb() / 1024;
        results.cpuModel = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        results.javaVersion = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        results.loadAtStart = loadAverage();
        results.command = "mvn -B -Pbench verify" + (config.quick() ? " -Dbench.quick=true" : "")
                + (config.everything() ? "" : " -Dbench.only=" + config.only())
                + (profiler == null ? "" : " -Dbench.profile=" + profiler.event())
                + (config.postgres() ? " -Dbench.db=postgres" : "")
                + (System.getProperty("bench.keycloakJvmOptions", "").isBlank() ? ""
                        : " '-Dbench.keycloakJvmOptions=" + System.getProperty("bench.keycloakJvmOptions").trim() + "'");
        log("Machine: %d cores, %d MB, %s, %s; load %s", results.cores, results.ramMb, results.cpuModel, results.javaVersion,
                results.loadAtStart);
    }

    /**
     * With {@code -Dbench.waitForQuietMinutes=N}: waits (a minute at a time, at most N minutes)
     * until the 1-minute load average is below 0.8 and no other Keycloak test server runs.
     */
    private void waitForQuietMachine() throws Exception {
        int minutes = Integer.getInteger("bench.waitForQuietMinutes", 0);
        if (minutes <= 0) {
            results.waitedForQuiet = "started without waiting for a quiet machine";
            return;
        }
        long start = System.nanoTime();
        while (true) {
            double load = Double.parseDouble(loadAverage().split(" ")[0]);
            List<String> others = otherKeycloaks();
            double waited = (System.nanoTime() - start) / 60e9;
            if (load < 0.8 && others.isEmpty()) {
                results.waitedForQuiet = String.format(java.util.Locale.ROOT,
                        "waited %.0f min for a quiet machine (load < 0.8, no other Keycloak test server)", waited);
                return;
            }
            if (waited >= minutes) {
                results.waitedForQuiet = String.format(java.util.Locale.ROOT,
                        "gave up waiting for a quiet machine after %.0f min: load %.2f, %d other Keycloak processes", waited, load,
                        others.size());
                return;
            }
            log("Waiting for a quiet machine: load %.2f, %d other Keycloak processes", load, others.size());
            Thread.sleep(60_000);
        }
    }

    /** Other people's Keycloak test servers ({@code pgrep -f 'kc-test-framework|keycloak-dist|cluster/node'}). */
    private static List<String> otherKeycloaks() throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "kc-test-framework|keycloak-dist|cluster/node").start();
        String out = new String(pgrep.getInputStream().readAllBytes()).trim();
        pgrep.waitFor();
        long self = ProcessHandle.current().pid();
        return out.isEmpty() ? List.of() : out.lines().filter(pid -> Long.parseLong(pid.trim()) != self).toList();
    }

    private void startKeycloak() throws Exception {
        List<String> options = new ArrayList<>(database == null ? List.of("--db=dev-file")
                : List.of("--db=postgres", "--db-url=" + database.jdbcUrl(), "--db-username=" + database.username(),
                        "--db-password=unused-trust-auth"));
        options.addAll(List.of("--cache=local", "--metrics-enabled=true", "--http-host=127.0.0.1"));
        if (config.mode().equals("start")) {
            options.addAll(List.of("--http-enabled=true", "--hostname-strict=false"));
        }
        options.addAll(gateway.keycloakOptions());
        log("Starting Keycloak (kc.sh %s %s, JAVA_OPTS_KC_HEAP=%s) ...", config.mode(), String.join(" ", options), config.heap());
        KeycloakProcess.Mode mode = switch (config.mode()) {
            case "start" -> KeycloakProcess.Mode.PRODUCTION;
            case "start-dev" -> KeycloakProcess.Mode.DEV;
            default -> throw new IllegalArgumentException("bench.mode is start or start-dev, not " + config.mode());
        };
        keycloak.start(mode, options, BenchRealms.OTP, Duration.ofMinutes(6));
        ProcessHandle jvm = keycloak.serverJvm().orElseThrow(() -> new IllegalStateException("no Keycloak JVM found"));
        CpuClock clock = new CpuClock();
        ProcessHandle postmaster = database == null ? null : database.serverProcess();
        server = new ServerProbe(List.of(jvm.pid()), clock, postmaster == null ? null : () -> clock.processTreeTicks(postmaster));
        load = new LoadPhase(server);
        String log = Files.readString(keycloak.log());
        Matcher version = Pattern.compile("Keycloak (\\S+) on JVM").matcher(log);
        results.keycloakVersion = version.find() ? version.group(1) : "unknown";
        results.serverMode = "kc.sh " + config.mode() + " " + String.join(" ", options);
        results.serverJvmFlags = config.heap() + " (" + server.jcmd("VM.version").lines().filter(l -> l.contains("JDK"))
                .findFirst().orElse("").trim() + ")";
        log("Keycloak %s ready, JVM pid %d, %d clock ticks per second", results.keycloakVersion, jvm.pid(),
                server.clock().ticksPerSecond);
    }

    private void prepareUsers() throws Exception {
        String base = keycloak.baseUrl();
        AdminApi pwAdmin = new AdminApi(base, BenchRealms.PASSWORD_ONLY, appToken(BenchRealms.PASSWORD_ONLY));
        AppToken otpToken = appToken(BenchRealms.OTP);
        otpAdmin = new AdminApi(base, BenchRealms.OTP, otpToken);
        rest = new RestClients(base, BenchRealms.OTP, otpToken, mail);
        AdminApi totpAdmin = new AdminApi(base, BenchRealms.TOTP, appToken(BenchRealms.TOTP));
        smsAdmin = new AdminApi(base, BenchRealms.SMS, appToken(BenchRealms.SMS));
        requireFlow(pwAdmin, "browser");
        requireFlow(otpAdmin, "browser with otp");
        requireFlow(totpAdmin, "browser");
        requireFlow(smsAdmin, "browser with otp");

        loginUsers = config.loginUsers();
        results.loginUsersPerRealm = loginUsers;
        results.totpUsers = config.totpUsers();
        long start = System.nanoTime();
        pwPeople = pwAdmin.createUsers("login-", 5, 0, loginUsers, 100, config.importParallel(), true, true);
        otpPeople = otpAdmin.createUsers("login-", 5, 0, loginUsers, 100, config.importParallel(), true, true);
        totpPeople = totpAdmin.createTotpUsers("login-", 5, 0, config.totpUsers(), 100, config.importParallel());
        // the demo flow's SMS branch is for people with a verified number
        smsPeople = smsAdmin.createUsers("login-", 5, 0, loginUsers, 100, config.importParallel(), true, true,
                n -> Map.of("phoneNumber", smsLoginNumber(n), "phoneNumberVerified", "true"));
        if (!config.everything() && !config.runs("memory")) {
            results.passwordHashing = pwAdmin.passwordHashing(pwPeople.get(0).id());
            return;
        }
        int apiCount = Math.max(100, config.smallRealm() - loginUsers);
        apiUsers = new ArrayList<>(otpAdmin.createUsers("api-", 6, 0, apiCount, config.importBatch(), config.importParallel(),
                false, false));
        results.smallRealmUsers = loginUsers + apiCount;
        results.passwordHashing = pwAdmin.passwordHashing(pwPeople.get(0).id());
        log("Users: %d per login realm (password: %s), %d REST users, in %.1f s", loginUsers, results.passwordHashing,
                apiCount, (System.nanoTime() - start) / 1e9);
    }

    /** The verified number of person {@code n} of the SMS login realm: +49 152 1xxxxxxx (scenario 6 uses +49 151). */
    private static String smsLoginNumber(int n) {
        return "+49152" + (10_000_000 + n);
    }

    private static String smsLoginNumber(AdminApi.BenchUser person) {
        return smsLoginNumber(Integer.parseInt(person.username().substring("login-".length())));
    }

    /** One kind of login of scenario 1: its name, the realm and the people it signs in, its second page (null: none). */
    private record LoginKind(String name, String slug, String realm, List<AdminApi.BenchUser> people, LoginStep step) {
    }

    /**
     * Scenario 1: the same login with the password only, with the Email OTP step, with Keycloak's
     * own TOTP form (the anchor) and with the SMS OTP step, measured A-B-C-D-A-B-C-D...; with
     * {@code -Dbench.profile}, then one profiled phase of each kind.
     */
    private void loginScenario() throws Exception {
        int vus = config.vus();
        String base = keycloak.baseUrl();
        LoginStep.Totps totps = LoginStep.totp();
        List<LoginKind> kinds = List.of(
                new LoginKind("login: password", "password", BenchRealms.PASSWORD_ONLY, pwPeople, null),
                new LoginKind("login: password + email OTP", "password-email-otp", BenchRealms.OTP, otpPeople, LoginStep.email(mail)),
                new LoginKind("login: password + TOTP (Keycloak's OTP form)", "password-totp", BenchRealms.TOTP, totpPeople, totps),
                new LoginKind("login: password + SMS OTP", "password-sms-otp", BenchRealms.SMS, smsPeople,
                        LoginStep.sms(gateway, Benchmark::smsLoginNumber)));
        List<List<LoadPhase.Client>> teams = kinds.stream().map(kind -> LoadPhase.team(vus,
                i -> (LoadPhase.Client) new BrowserLogin(base, kind.realm(), slice(kind.people(), i, vus), kind.step()))).toList();
        // the SMS realm's realm-wide SMS caps, and its per-IP cap on login pages (every login here comes from
        // 127.0.0.1), would stop a long run; the per-person caps stay as in the email realm
        smsAdmin.putOtpSettings("{\"maxSmsPerRealmPerHour\": 0, \"maxSmsToNewNumbersPerRealmPerHour\": 0, "
                + "\"maxSendsPerIpPerHour\": 0}");
        gateway.setDelayMillis(0);
        gateway.setKeepCodes(true);
        log("Scenario 1: logins, %d virtual users, %d warm-up + %d measured per kind", vus, config.jitWarmupLogins(),
                config.logins());
        for (int k = 0; k < kinds.size(); k++) {
            load.warm(kinds.get(k).name(), teams.get(k), config.jitWarmupLogins());
        }
        PhaseResult[] all = alternate(kinds.stream().map(LoginKind::name).toList(), teams, config.logins());
        results.passwordLogin = all[0].named(kinds.get(0).name());
        results.otpLogin = all[1].named(kinds.get(1).name());
        results.totpLogin = all[2].named(kinds.get(2).name());
        results.smsLogin = all[3].named(kinds.get(3).name());
        results.totpWaits = totps.waits();
        log("Email OTP adds %.2f ms Keycloak CPU per login, TOTP %.2f ms, SMS OTP %.2f ms (password only: %.2f ms); "
                        + "%d TOTP logins waited for a new step", results.addedCpu(results.otpLogin), results.addedCpu(results.totpLogin),
                results.addedCpu(results.smsLogin), results.passwordLogin.serverCpuMillisPerOp(), results.totpWaits);
        if (profiler != null) {
            for (int k = 0; k < kinds.size(); k++) {
                profiledPhase(kinds.get(k), teams.get(k));
            }
        }
        gateway.setKeepCodes(false);
        gateway.setDelayMillis(config.gatewayDelayMillis());
        mail.purge();
    }

    /** {@code profileLogins} logins of one kind with async-profiler sampling Keycloak's JVM; flame graph into flamegraphs/. */
    private void profiledPhase(LoginKind kind, List<LoadPhase.Client> team) throws Exception {
        String name = kind.name() + ", profiled";
        load.warm(name, team, config.warmup());
        server.awaitIdle(30);
        profiler.start(server);
        PhaseResult profiled = load.measure(name, team, config.profileLogins());
        Path dir = config.outputDir().resolve("flamegraphs");
        String file = "login-" + kind.slug();
        profiler.stop(server, dir, file, "Keycloak " + results.keycloakVersion + " " + kind.name() + " "
                + profiled.ok + " logins " + profiler.event() + " " + profiler.interval());
        results.profiles.add(new BenchResults.Profile(kind.name(), "flamegraphs/" + file + ".html", profiled));
        log("Flame graph of %d logins (%s): %s", profiled.ok, kind.name(), dir.resolve(file + ".html"));
    }

    /**
     * Measures {@code ops} operations of each team in four alternating parts (A, B, A, B, ...), so
     * that whatever drifts during the run (the JIT, other load) hits both alike.
     */
    private PhaseResult[] alternate(String nameA, List<LoadPhase.Client> a, String nameB, List<LoadPhase.Client> b, int ops)
            throws InterruptedException {
        return alternate(List.of(nameA, nameB), List.of(a, b), ops);
    }

    /** The same with any number of teams: A, B, C, ..., A, B, C, ...; the sum of each team's parts. */
    private PhaseResult[] alternate(List<String> names, List<List<LoadPhase.Client>> teams, int ops) throws InterruptedException {
        return alternate(load, names, teams, ops);
    }

    /** The same on another server's load phase (scenario 7's cluster). */
    private PhaseResult[] alternate(LoadPhase on, List<String> names, List<List<LoadPhase.Client>> teams, int ops)
            throws InterruptedException {
        List<PhaseResult[]> parts = alternateParts(on, names, teams, ops, false);
        PhaseResult[] sums = new PhaseResult[teams.size()];
        for (int side = 0; side < sums.length; side++) {
            sums[side] = sum(parts, side);
        }
        return sums;
    }

    /**
     * The same, each part kept: {A, B} per part, in order. {@code balanced}: every second part
     * measures B first (A, B, B, A, A, B, B, A), so that a drift (the JIT still warming up) favours neither.
     */
    private List<PhaseResult[]> alternateParts(String nameA, List<LoadPhase.Client> a, String nameB, List<LoadPhase.Client> b,
                                               int ops, boolean balanced) throws InterruptedException {
        return alternateParts(load, List.of(nameA, nameB), List.of(a, b), ops, balanced);
    }

    /** {A, B, C, ...} per part; {@code balanced}: every second part in reverse order (A, B, C, C, B, A, ...). */
    private List<PhaseResult[]> alternateParts(LoadPhase on, List<String> names, List<List<LoadPhase.Client>> teams, int ops,
                                               boolean balanced) throws InterruptedException {
        List<PhaseResult[]> parts = new ArrayList<>();
        for (int part = 0; part < ALTERNATIONS; part++) {
            int count = ops / ALTERNATIONS + (part < ops % ALTERNATIONS ? 1 : 0);
            String of = " (" + (part + 1) + "/" + ALTERNATIONS + ")";
            boolean reversed = balanced && part % 2 == 1;
            PhaseResult[] results = new PhaseResult[teams.size()];
            for (int i = 0; i < teams.size(); i++) {
                int side = reversed ? teams.size() - 1 - i : i;
                results[side] = on.measure(names.get(side) + of, teams.get(side), count);
            }
            parts.add(results);
        }
        return parts;
    }

    private static PhaseResult sum(List<PhaseResult[]> parts, int side) {
        PhaseResult sum = null;
        for (PhaseResult[] part : parts) {
            sum = sum == null ? part[side] : sum.plus(part[side]);
        }
        return sum;
    }

    /**
     * No cooldown, no caps and the shortest lifetime for the REST scenarios: their codes are used
     * at once, and what is left of them (a used attempt slot) expires soon, before scenario 4.
     */
    private void restSettingsForApiScenarios() {
        otpAdmin.putOtpSettings(settings(REST_TTL_SECONDS));
    }

    private static String settings(int ttl) {
        return "{\"ttlSeconds\": " + ttl + ", \"resendCooldownSeconds\": 0, \"maxSendsPerUserPerHour\": 0, "
                + "\"maxSendsPerDestinationPerHour\": 0, \"maxSendsPerIpPerHour\": 0, \"maxSmsPerRealmPerHour\": 0, "
                + "\"maxSmsToNewNumbersPerRealmPerHour\": 0}";
    }

    /** Scenario 2: send-code + verify-code by mail against Keycloak's send-verify-email, A-B-A-B. */
    private void sendVersusBuiltIn() throws Exception {
        int vus = config.vus();
        List<AdminApi.BenchUser> people = apiUsers.subList(0, results.smallRealmUsers - loginUsers);
        List<LoadPhase.Client> ours = LoadPhase.team(vus, i -> rest.sendAndVerify(RestClients.slice(people, i, vus)));
        List<LoadPhase.Client> builtIn = LoadPhase.team(vus, i -> rest.builtInVerifyEmail(RestClients.slice(people, i, vus)));
        log("Scenario 2: send-code + verify-code vs send-verify-email, %d virtual users", vus);
        results.warmUpCurve.addAll(load.warmCurve("send-code + verify-code", ours, config.jitWarmupRest(), 10));
        load.warm("send-verify-email (built-in)", builtIn, config.jitWarmupRest());
        PhaseResult[] both = alternate("send-code + verify-code", ours, "send-verify-email", builtIn, config.restPairs());
        results.sendAndVerify = both[0].named("REST send-code + verify-code (mail)");
        results.builtInVerifyEmail = both[1].named("built-in send-verify-email (mail)");
        // what the realm's event store costs our calls (Keycloak's admin call writes no user event): on, off, on
        int part = config.restPairs() / 2;
        results.eventsOnBefore = load.measure("send-code + verify-code, realm events on", ours, part);
        otpAdmin.setEventsEnabled(false);
        load.warm("send-code + verify-code, events off", ours, config.warmup());
        results.sendAndVerifyNoEvents = load.measure("send-code + verify-code, realm events off", ours, part)
                .named("REST send-code + verify-code (mail), realm events off");
        otpAdmin.setEventsEnabled(true);
        load.warm("send-code + verify-code, events on", ours, config.warmup());
        results.eventsOnAfter = load.measure("send-code + verify-code, realm events on", ours, part);
        results.sendAndVerifyEventsAround = results.eventsOnBefore.plus(results.eventsOnAfter)
                .named("REST send-code + verify-code (mail), realm events on, just before and after");
        // like for like: each side writes its audit record (our user events, Keycloak's admin event)
        otpAdmin.setAdminEventsEnabled(true);
        load.warm("send-verify-email, admin events on", builtIn, config.warmup());
        PhaseResult[] audited = alternate("send-code + verify-code, user events on", ours,
                "send-verify-email, admin events on", builtIn, config.restPairs());
        otpAdmin.setAdminEventsEnabled(false);
        results.sendAndVerifyAudited = audited[0].named("REST send-code + verify-code (mail), user events on");
        results.builtInAudited = audited[1].named("built-in send-verify-email (mail), admin events on");
        SmtpFloor.directSends(mail, 50);
        results.smtpFloor = SmtpFloor.directSends(mail, 500);
        log("SMTP floor (Jakarta Mail from here to GreenMail): p50 %.1f ms, p99 %.1f ms", results.smtpFloor.percentileMillis(50),
                results.smtpFloor.percentileMillis(99));
        mail.purge();
    }

    /** Scenario 3: codes issued with returnCode, then verify-code calls alone; the check in this JVM. */
    private void verifyCost() throws Exception {
        int vus = config.vus();
        List<AdminApi.BenchUser> people = apiUsers.subList(0, results.smallRealmUsers - loginUsers);
        log("Scenario 3: verify cost, %d verify-code calls in rounds of at most %d", config.verifies(), people.size());
        AtomicInteger cursor = new AtomicInteger();
        ConcurrentLinkedQueue<RestClients.Issued> issued = new ConcurrentLinkedQueue<>();
        List<LoadPhase.Client> issuers = LoadPhase.team(vus, i -> rest.issueReturned(people, cursor, issued));
        List<LoadPhase.Client> verifiers = LoadPhase.team(vus, i -> rest.verifyIssued(issued));
        List<LoadPhase.Client> readers = LoadPhase.team(vus, i -> rest.getUser(RestClients.slice(people, i, vus)));
        PhaseResult issue = null;
        PhaseResult verify = null;
        int warmUp = config.jitWarmupRest() / 2;
        for (int done = 0; done < warmUp + config.verifies(); ) {
            boolean measured = done >= warmUp;
            // one code per person per round: a second one would replace the first before it is verified
            int round = Math.min(people.size(), measured ? warmUp + config.verifies() - done : warmUp - done);
            cursor.set(0);
            if (measured) {
                PhaseResult i = load.measure("send-code (returnCode)", issuers, round);
                PhaseResult v = load.measure("verify-code alone", verifiers, round);
                issue = issue == null ? i : issue.plus(i);
                verify = verify == null ? v : verify.plus(v);
            } else {
                load.warm("send-code (returnCode)", issuers, round);
                load.warm("verify-code alone", verifiers, round);
            }
            done += round;
        }
        results.issueReturned = issue.named("REST send-code (returnCode, no mail)");
        results.verifyOnly = verify.named("REST verify-code");
        load.warm("GET user", readers, warmUp);
        results.getUser = load.measure("GET /admin/realms/{realm}/users/{id}", readers, config.verifies());
        results.codeCheck = new CodeCheckLoop().run(config.hmacChecks());
        log("Code check in-process: %.2f µs CPU (%.2f µs with the key derivation); verify-code: %.3f ms Keycloak CPU",
                results.codeCheck.checkNanos() / 1000, results.codeCheck.deriveAndCheckNanos() / 1000,
                results.verifyOnly.serverCpuMillisPerOp());
    }

    /** Scenario 5: send + verify at 1, 2, 4, 8 clients on the realm as it is now. */
    private void scaling(Map<Integer, PhaseResult> into) throws Exception {
        int realmUsers = into == results.scalingSmall ? results.smallRealmUsers : results.largeRealmUsers;
        log("Scenario 5: send-code + verify-code at %s clients, %d users in the realm", config.scalingClients(), realmUsers);
        List<AdminApi.BenchUser> people = apiUsers;
        for (int clients : config.scalingClients()) {
            PhaseResult result = load.run("send+verify, " + realmUsers + " users", clients, config.warmup(), config.scalingPairs(),
                    i -> rest.sendAndVerify(RestClients.slice(people, i, clients)));
            into.put(clients, result);
        }
        lastCodeSentAt = System.nanoTime();
        mail.purge();
    }

    /** Partial imports (no passwords) up to the large realm size. */
    private void growRealm() throws Exception {
        int have = apiUsers.size();
        int want = Math.max(have, config.largeRealm() - loginUsers);
        log("Importing %d more users (%d per request, %d at a time) ...", want - have, config.importBatch(), config.importParallel());
        long start = System.nanoTime();
        apiUsers.addAll(otpAdmin.createUsers("api-", 6, have, want, config.importBatch(), config.importParallel(), false, false));
        results.importSeconds = (System.nanoTime() - start) / 1e9;
        results.usersImported = want - have;
        results.largeRealmUsers = loginUsers + apiUsers.size();
        log("Imported %d users in %.1f s (%.0f users/s)", results.usersImported, results.importSeconds,
                results.usersImported / results.importSeconds);
    }

    /**
     * Scenario 4: heap with {@code pendingCodes} pending codes (returnCode, no mail), one per
     * person; then also with {@code killedCodes} codes killed by wrong codes (a dead code stays
     * until its lifetime ends, so that the cooldown still holds) and {@code guestCodes} guest
     * codes; and after all of them expired. Each batch of sends gets a lifetime that ends
     * {@code codeTtl} seconds after the estimated last send of all three, so that every code is
     * held when the heap is read and all expire together soon after. The users' cache is filled
     * first, so that users loaded by the sends do not count as the codes' memory.
     */
    private void memoryOfCodes() throws Exception {
        List<AdminApi.BenchUser> everyone = new ArrayList<>(otpPeople);
        everyone.addAll(apiUsers);
        int codes = Math.min(config.pendingCodes(), everyone.size());
        int killed = Math.min(config.killedCodes(), everyone.size());
        int guests = config.guestCodes();
        results.pendingCodes = codes;
        results.killedCodes = killed;
        results.guestCodes = guests;
        int vus = config.vus();
        List<AdminApi.BenchUser> people = everyone.subList(0, Math.max(codes, killed));
        log("Scenario 4: memory of %d pending codes, %d codes killed by wrong codes, %d guest codes", codes, killed, guests);
        int cached = Math.min(people.size(), USER_CACHE_ENTRIES);
        load.run("GET user (fills the user cache)", 8, 0, cached,
                i -> rest.getUser(RestClients.slice(people.subList(people.size() - cached, people.size()), i, 8)));
        // wrong codes of users would also leave Keycloak's login-failure records (kept for the realm's failure reset time)
        otpAdmin.setBruteForceProtected(false);
        double[] secondsPerCode = rateSamples(people, vus);
        // the attempt slots the scaling scenario left expire and are reaped before the baseline
        long leftoversGone = lastCodeSentAt + (REST_TTL_SECONDS + REAPER_SECONDS + 5) * 1_000_000_000L;
        long wait = config.leftoverWait() ? Math.max(0, leftoversGone - System.nanoTime()) / 1_000_000 : 0;
        log("Waiting %d s until what scenario 5 left in the cache has expired ...", wait / 1000);
        Thread.sleep(wait);
        long readingStart = System.nanoTime();
        results.heapBaseline = server.heapUsedAfterGc(3);
        Map<String, long[]> baseline = server.classHistogram();
        results.storeEntriesBaseline = instances(baseline, STORE_ENTRY);
        double readingSeconds = (System.nanoTime() - readingStart) / 1e9;
        log("Heap baseline after GC: %.1f MB", results.heapBaseline / 1e6);

        // seconds per code from the rate samples, until each kind's own sends tell better
        double sendSeconds = secondsPerCode[0];
        double killSeconds = secondsPerCode[1];
        double guestSeconds = secondsPerCode[2];
        long sendStart = System.nanoTime();
        AtomicInteger pendingCursor = new AtomicInteger();
        results.issuePending = sendHeld("send-code (returnCode)", LoadPhase.team(vus,
                i -> rest.issueReturned(people.subList(0, codes), pendingCursor, null)), codes, sendSeconds,
                killed * killSeconds + guests * guestSeconds + 2 * readingSeconds)
                .named("REST send-code (returnCode), " + results.largeRealmUsers + " users");
        results.heapPeak = server.heapUsedAfterGc(3);
        Map<String, long[]> peak = server.classHistogram();
        results.storeEntriesPending = instances(peak, STORE_ENTRY);
        log("Heap with %d pending codes: %.1f MB (%.0f bytes per code)", results.issuePending.ok, results.heapPeak / 1e6,
                results.heapPerPendingCode());

        AtomicInteger killCursor = new AtomicInteger();
        results.killCodes = sendHeld("send-code + wrong codes until dead", LoadPhase.team(vus,
                i -> rest.killReturned(people.subList(0, killed), killCursor, KILLED_PURPOSE)), killed, killSeconds,
                guests * guestSeconds + readingSeconds)
                .named("REST send-code (returnCode, purpose " + KILLED_PURPOSE + ") + wrong codes until dead");
        results.heapWithKilled = server.heapUsedAfterGc(3);
        results.storeEntriesKilled = instances(server.classHistogram(), STORE_ENTRY);
        log("Heap with %d codes killed by wrong codes too: %.1f MB (%.0f bytes per killed code)", results.killCodes.ok,
                results.heapWithKilled / 1e6, results.heapPerKilledCode());

        AtomicInteger guestCursor = new AtomicInteger();
        results.issueGuest = sendHeld("guest send-code (returnCode)", LoadPhase.team(vus, i -> rest.issueGuest(guestCursor)),
                guests, guestSeconds, 0).named("REST guest send-code (returnCode), a new address each");
        long lastSend = System.currentTimeMillis() / 1000;
        results.ttlNote = String.format("sent in %.0f s; lifetimes set per batch, from a first sample of each kind's rate "
                + "(whose codes had expired before the baseline), so that all end about %d s after the last send "
                + "(the last code expired %d s after it)", (System.nanoTime() - sendStart) / 1e9, config.codeTtl(),
                lastExpiry - lastSend);
        otpAdmin.putOtpSettings(settings(config.codeTtl()));
        results.heapWithGuests = server.heapUsedAfterGc(3);
        results.storeEntriesHeld = instances(server.classHistogram(), STORE_ENTRY);
        results.heapReadings.add(new BenchResults.HeapReading(System.currentTimeMillis() / 1000.0 - lastSend, results.heapWithGuests));
        if (System.currentTimeMillis() / 1000 >= firstExpiry) {
            log("WARNING: the first codes expired %d s before the heap was read with all of them",
                    System.currentTimeMillis() / 1000 - firstExpiry);
        }
        log("Heap with %d guest codes too: %.1f MB (%.0f bytes per guest code)", results.issueGuest.ok,
                results.heapWithGuests / 1e6, results.heapPerGuestCode());

        long previous = results.heapWithGuests;
        long growth = Math.max(1, results.heapWithGuests - results.heapBaseline);
        // the wait is counted from the last code's expiry: a shorter one would read codes still alive as left over
        while (System.currentTimeMillis() / 1000 < lastExpiry + config.expiryWaitMax()) {
            Thread.sleep(15_000);
            long now = System.currentTimeMillis() / 1000;
            long heap = server.heapUsedAfterGc(1);
            results.heapReadings.add(new BenchResults.HeapReading(now - lastSend, heap));
            log("  %4d s after the last send (codes expire at +%d s): heap %.1f MB", now - lastSend, lastExpiry - lastSend, heap / 1e6);
            // expired, at least one run of the expiration reaper (every minute) since, and no more change
            boolean reaped = now > lastExpiry + REAPER_SECONDS + 5;
            if (reaped && Math.abs(heap - previous) < Math.max(2_000_000, growth / 50)) {
                break;
            }
            previous = heap;
        }
        results.expiryWaitSeconds = System.currentTimeMillis() / 1000.0 - lastSend;
        results.heapAfterExpiry = server.heapUsedAfterGc(3);
        Map<String, long[]> after = server.classHistogram();
        results.storeEntriesAfter = instances(after, STORE_ENTRY);
        classGrowth(baseline, peak, after);
        log("Heap after expiry: %.1f MB (baseline %.1f MB); single-use entries %d (baseline %d, %d with all codes held)",
                results.heapAfterExpiry / 1e6, results.heapBaseline / 1e6, results.storeEntriesAfter,
                results.storeEntriesBaseline, results.storeEntriesHeld);
        capEntries(everyone);
        otpAdmin.setBruteForceProtected(true);
    }

    /**
     * Seconds per code of scenario 4's three kinds (a pending code, a code killed by wrong codes, a
     * guest code), each from a short sample of its own, with a margin. The lifetimes of the held
     * codes are set from them: scenario 3's calls (right codes, on a JVM that may still be cold)
     * came out several times slower than the wrong codes here, and gave codes an hour's lifetime.
     * The samples' codes expire and are reaped before the baseline is read.
     */
    private double[] rateSamples(List<AdminApi.BenchUser> people, int vus) throws InterruptedException {
        int sample = Math.max(500, Math.min(2000, people.size() / 50));
        otpAdmin.putOtpSettings(settings(REST_TTL_SECONDS));
        List<AdminApi.BenchUser> few = people.subList(people.size() - Math.min(people.size(), sample), people.size());
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger kills = new AtomicInteger();
        AtomicInteger guests = new AtomicInteger(GUEST_SAMPLE_OFFSET);
        PhaseResult send = load.measure("send-code (returnCode), rate sample", LoadPhase.team(vus,
                i -> rest.issueReturned(few, sends, null)), sample);
        PhaseResult kill = load.measure("send-code + wrong codes until dead, rate sample", LoadPhase.team(vus,
                i -> rest.killReturned(few, kills, KILLED_PURPOSE)), sample);
        PhaseResult guest = load.measure("guest send-code (returnCode), rate sample", LoadPhase.team(vus,
                i -> rest.issueGuest(guests)), sample);
        lastCodeSentAt = System.nanoTime();
        double[] seconds = {1 / (0.7 * send.throughput()), 1 / (0.7 * kill.throughput()), 1 / (0.7 * guest.throughput())};
        log("Rate samples: %.0f pending, %.0f killed, %.0f guest codes per second", send.throughput(), kill.throughput(),
                guest.throughput());
        return seconds;
    }

    /**
     * Scenario 4, last part: what the hourly caps leave behind. With the default caps on, one code
     * (returnCode) to each of {@code capCodes} people and {@code capCodes} guest codes to new
     * addresses; once the codes expired, what is left in the store and on the heap above the
     * reading before is the caps' entries, which live until the hour after their send has ended.
     */
    private void capEntries(List<AdminApi.BenchUser> everyone) throws Exception {
        int users = Math.min(config.capCodes(), everyone.size());
        int guests = config.capCodes();
        if (users + guests == 0) {
            return;
        }
        int vus = config.vus();
        int ttl = config.codeTtl();
        log("Scenario 4, caps: %d sends to people and %d guest sends with the default caps on, codes living %d s", users, guests, ttl);
        otpAdmin.putOtpSettings(defaultCapsSettings(ttl));
        results.heapBeforeCaps = server.heapUsedAfterGc(3);
        results.storeEntriesBeforeCaps = instances(server.classHistogram(), STORE_ENTRY);
        List<AdminApi.BenchUser> people = everyone.subList(0, users);
        AtomicInteger cursor = new AtomicInteger();
        AtomicInteger guestCursor = new AtomicInteger(results.guestCodes);
        List<LoadPhase.Client> team = LoadPhase.team(vus, i -> {
            LoadPhase.Client person = rest.issueReturned(people, cursor, null);
            LoadPhase.Client guest = rest.issueGuest(guestCursor);
            AtomicInteger turn = new AtomicInteger();
            return timings -> (turn.getAndIncrement() % 2 == 0 ? person : guest).op(timings);
        });
        results.capSends = load.measure("send-code with the default caps on", team, users + guests)
                .named("REST send-code (returnCode) to a person and guest send-code, turn about, default caps on");
        results.capUserSends = cursor.get();
        results.capGuestSends = guestCursor.get() - results.guestCodes;
        long codesGone = System.nanoTime() + (ttl + REAPER_SECONDS + 10) * 1_000_000_000L;
        log("Waiting %d s until the codes have expired and been reaped ...", (codesGone - System.nanoTime()) / 1_000_000_000L);
        Thread.sleep(Math.max(0, codesGone - System.nanoTime()) / 1_000_000);
        results.heapWithCapsOnly = server.heapUsedAfterGc(3);
        results.storeEntriesCapsOnly = instances(server.classHistogram(), STORE_ENTRY);
        otpAdmin.putOtpSettings(settings(REST_TTL_SECONDS));
        log("Caps left %.2f entries and %.0f bytes of heap per send", results.entriesPerCapSend(), results.heapPerCapSend());
    }

    /** The realm's settings with every cap at its default (docs/settings.md), no cooldown, lifetime {@code ttl}. */
    private static String defaultCapsSettings(int ttl) {
        return "{\"ttlSeconds\": " + ttl + ", \"resendCooldownSeconds\": 0, \"maxSendsPerUserPerHour\": 10, "
                + "\"maxSendsPerDestinationPerHour\": 5, \"maxSendsPerIpPerHour\": 30, \"maxSmsPerRealmPerHour\": 1000}";
    }

    /**
     * Scenario 6: the two blind pages (phone sign-in, reset after Choose User), each with a known
     * account and with nobody's number or username, measured A-B-A-B. The real SMS go to the slow
     * fake gateway, the real mails to a mail server that forgets them ({@link DiscardingSmtp}); both after the request,
     * so the POSTs should not differ.
     */
    private void blindPages() throws Exception {
        AdminApi admin = new AdminApi(keycloak.baseUrl(), BenchRealms.BLIND, appToken(BenchRealms.BLIND));
        requireFlow(admin, "browser with otp");
        admin.putOtpSettings(settings(REST_TTL_SECONDS));
        int users = config.blindUsers();
        List<AdminApi.BenchUser> people = admin.createUsers(BLIND_PREFIX, 5, 0, users, 100, config.importParallel(), false, true,
                n -> Map.of("phoneNumber", knownNumber(n), "phoneNumberVerified", "true"));
        results.blindUsers = users;
        results.gatewayDelayMillis = gateway.delayMillis();
        int vus = config.vus();
        log("Scenario 6: blind pages, known vs unknown account, %d virtual users, %d users, gateway answers after %d ms", vus,
                users, gateway.delayMillis());
        int gatewayBefore = gateway.accepted();
        long mailsBefore = blindMail.received();
        AtomicInteger knownPhones = new AtomicInteger();
        AtomicInteger knownResets = new AtomicInteger();
        IntFunction<Supplier<String>> knownPhone = i -> cycle(slice(people, i, vus), knownPhones, Benchmark::knownNumber);
        results.blindPhone = blindPage("phone sign-in page", BlindPageClient.Page.PHONE, knownPhone, Benchmark::unknownNumber,
                config.blindWarmup());
        // the control: the same page with a gateway that answers at once; what the 200 ms add to a known number's POST is the difference
        gateway.setDelayMillis(0);
        results.blindPhoneFastGateway = blindPage("phone sign-in page, gateway answering at once", BlindPageClient.Page.PHONE,
                knownPhone, Benchmark::unknownNumber, config.warmup());
        gateway.setDelayMillis(config.gatewayDelayMillis());
        IntFunction<Supplier<String>> knownReset = i -> cycle(slice(people, i, vus), knownResets, AdminApi.BenchUser::username);
        Supplier<String> nobody = () -> "nobody-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        results.blindReset = blindPage("reset page after Choose User", BlindPageClient.Page.RESET,
                config.resetSide().equals("unknown") ? i -> nobody : knownReset,
                config.resetSide().equals("known") ? knownReset.apply(0) : nobody, config.blindWarmup());
        results.knownPhoneOps = knownPhones.get();
        results.knownResetOps = knownResets.get();
        // the real sends run after their requests: wait until the last ones arrived
        Waits.within(Duration.ofSeconds(30), () -> gateway.accepted() - gatewayBefore >= results.knownPhoneOps
                && blindMail.received() - mailsBefore >= results.knownResetOps);
        results.gatewayAccepted = gateway.accepted() - gatewayBefore;
        results.gatewayRefused = gateway.refused();
        results.resetMails = blindMail.received() - mailsBefore;
        log("Blind pages: %d SMS accepted by the gateway for %d known-number posts (%d refused), %d mails for %d known-username posts",
                results.gatewayAccepted, results.knownPhoneOps, results.gatewayRefused, results.resetMails, results.knownResetOps);
    }

    /**
     * Scenario 7: the send + verify pair (mail) on this one node, then, with it stopped, on a
     * two-node cluster (its own PostgreSQL, {@code --cache=ispn}, {@code jdbc-ping}): every
     * request to node A, against the send to node A and the verify to node B, A-B-A-B. Keycloak
     * CPU is that of both nodes' JVMs; the database's apart.
     */
    private void cluster() throws Exception {
        int vus = config.vus();
        int users = config.clusterUsers();
        results.clusterUsers = users;
        log("Scenario 7: send-code + verify-code on one node, then on two nodes; %d users, %d virtual users", users, vus);
        AppToken token = appToken(BenchRealms.OTP);
        AdminApi single = new AdminApi(keycloak.baseUrl(), BenchRealms.OTP, token);
        single.putOtpSettings(settings(REST_TTL_SECONDS));
        List<AdminApi.BenchUser> people = single.createUsers("cluster-", 5, 0, users, config.importBatch(),
                config.importParallel(), false, false);
        RestClients one = new RestClients(keycloak.baseUrl(), BenchRealms.OTP, token, mail);
        results.singleNodePairs = load.run("send+verify, one node", vus, config.jitWarmupRest(), config.clusterPairs(),
                i -> one.sendAndVerify(RestClients.slice(people, i, vus))).named("one node: send-code + verify-code (mail)");
        keycloak.close();
        try (ThrowawayPostgres clusterDatabase = ThrowawayPostgres.start(config.databasePort() + 1, "keycloak");
             KeycloakCluster cluster = KeycloakCluster.start(new KeycloakCluster.Setup(config.distDir(), config.extensionJar(),
                     otpRealmFile, BenchRealms.OTP, workDir.resolve("cluster"), clusterDatabase,
                     "http://127.0.0.1:" + NODE_A.http(), NODE_A, NODE_B))) {
            CpuClock clock = new CpuClock();
            ProcessHandle postmaster = clusterDatabase.serverProcess();
            LoadPhase both = new LoadPhase(new ServerProbe(List.of(cluster.nodeA().serverPid(), cluster.nodeB().serverPid()),
                    clock, () -> clock.processTreeTicks(postmaster)));
            AppToken tokenA = new AppToken(cluster.nodeA().baseUrl() + "/realms/" + BenchRealms.OTP, BenchRealms.APP_CLIENT,
                    BenchRealms.APP_SECRET);
            AdminApi admin = new AdminApi(cluster.nodeA().baseUrl(), BenchRealms.OTP, tokenA);
            admin.putOtpSettings(settings(REST_TTL_SECONDS));
            List<AdminApi.BenchUser> clustered = admin.createUsers("cluster-", 5, 0, users, config.importBatch(),
                    config.importParallel(), false, false);
            RestClients a = new RestClients(cluster.nodeA().baseUrl(), BenchRealms.OTP, tokenA, mail);
            RestClients b = new RestClients(cluster.nodeB().baseUrl(), BenchRealms.OTP, new AppToken(cluster.nodeB().baseUrl()
                    + "/realms/" + BenchRealms.OTP, BenchRealms.APP_CLIENT, BenchRealms.APP_SECRET), mail);
            List<LoadPhase.Client> sameNode = LoadPhase.team(vus, i -> a.sendAndVerifyOn(RestClients.slice(clustered, i, vus), a));
            List<LoadPhase.Client> crossNode = LoadPhase.team(vus, i -> a.sendAndVerifyOn(RestClients.slice(clustered, i, vus), b));
            both.warm("cluster: send + verify on node A", sameNode, config.jitWarmupRest());
            both.warm("cluster: send on A, verify on B", crossNode, config.jitWarmupRest());
            PhaseResult[] measured = alternate(both, List.of("cluster: send + verify on node A", "cluster: send on A, verify on B"),
                    List.of(sameNode, crossNode), config.clusterPairs());
            results.clusterSameNode = measured[0].named("two nodes: send-code + verify-code on node A (mail)");
            results.clusterCrossNode = measured[1].named("two nodes: send-code on node A, verify-code on node B (mail)");
        }
        mail.purge();
    }

    /** One blind page: warm-ups of both sides, then {@code blindOps} of each, A-B-A-B. */
    private BlindComparison blindPage(String name, BlindPageClient.Page page, IntFunction<Supplier<String>> known,
                                      Supplier<String> unknown, int warmup) throws InterruptedException {
        String base = keycloak.baseUrl();
        int vus = config.vus();
        List<LoadPhase.Client> knownTeam = LoadPhase.team(vus, i -> new BlindPageClient(base, page, known.apply(i), config.blindPauseMillis()));
        List<LoadPhase.Client> unknownTeam = LoadPhase.team(vus, i -> new BlindPageClient(base, page, unknown, config.blindPauseMillis()));
        String knownName = name + ": known account";
        String unknownName = name + ": unknown account";
        load.warm(knownName, knownTeam, warmup);
        load.warm(unknownName, unknownTeam, warmup);
        List<PhaseResult[]> parts = alternateParts(knownName, knownTeam, unknownName, unknownTeam, config.blindOps(), true);
        BlindComparison comparison = new BlindComparison(name, sum(parts, 0).named(knownName), sum(parts, 1).named(unknownName),
                parts.stream().map(p -> p[0]).toList(), parts.stream().map(p -> p[1]).toList());
        double[] interval = comparison.bootstrapInterval();
        log("%s: POST p50 known %.1f ms vs unknown %.1f ms (%+.1f ms, bootstrap 95 %% [%+.1f, %+.1f] ms; p50 spread across parts %.1f ms)",
                name, comparison.knownPost().percentileMillis(50), comparison.unknownPost().percentileMillis(50),
                comparison.p50Difference(), interval[0], interval[1], comparison.partSpread());
        return comparison;
    }

    /** What one virtual user types for its known accounts, in turn; counts the operations. */
    private static Supplier<String> cycle(List<AdminApi.BenchUser> people, AtomicInteger count,
                                                             Function<AdminApi.BenchUser, String> typed) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            count.incrementAndGet();
            return typed.apply(people.get(next.getAndIncrement() % people.size()));
        };
    }

    /** Bench user {@code n}'s verified number: a German mobile number, +49 151 1xxxxxxx. */
    private static String knownNumber(int n) {
        return "+49151" + (10_000_000 + n);
    }

    /** The verified number of a person of scenario 6 (the number in the username). */
    private static String knownNumber(AdminApi.BenchUser person) {
        return knownNumber(Integer.parseInt(person.username().substring(BLIND_PREFIX.length())));
    }

    /** A German mobile number nobody in the realm has (+49 151 2xxxxxxx to 9xxxxxxx), a new one each time. */
    private static String unknownNumber() {
        return "+49151" + ThreadLocalRandom.current().nextInt(20_000_000, 100_000_000);
    }

    private static long instances(Map<String, long[]> histogram, String className) {
        return histogram.getOrDefault(className, new long[] {0, 0})[0];
    }

    /**
     * Sends {@code count} codes with {@code team} in batches. Each batch's lifetime lasts what is
     * left of these sends (at {@code secondsPerCode}, then at the pace measured so far), plus
     * {@code laterSeconds} of work still to come, plus {@code codeTtl}; the last expiry is kept.
     */
    private PhaseResult sendHeld(String name, List<LoadPhase.Client> team, int count, double secondsPerCode, double laterSeconds)
            throws InterruptedException {
        int batch = Math.max(1000, count / 20);
        PhaseResult all = null;
        for (int sent = 0; sent < count; ) {
            int round = Math.min(batch, count - sent);
            double secondsLeft = (count - sent) * secondsPerCode + laterSeconds;
            int ttl = (int) Math.min(86_400, Math.max(config.codeTtl(), Math.ceil(secondsLeft) + config.codeTtl()));
            otpAdmin.putOtpSettings(settings(ttl));
            long now = System.currentTimeMillis() / 1000;
            PhaseResult part = load.measure(name + ", ttl " + ttl + " s", team, round);
            all = all == null ? part : all.plus(part);
            lastExpiry = Math.max(lastExpiry, now + ttl);
            firstExpiry = Math.min(firstExpiry, now + ttl);
            sent += round;
            secondsPerCode = 1 / (0.8 * all.throughput());
        }
        if (all.errors > 0) {
            log("WARNING: %d of %s failed: %s", all.errors, name, all.errorSamples);
        }
        return all;
    }

    /** The classes that grew most from the baseline to the peak, and what was left of them after expiry. */
    private void classGrowth(Map<String, long[]> baseline, Map<String, long[]> peak, Map<String, long[]> after) {
        long[] none = {0, 0};
        peak.entrySet().stream()
                .map(e -> {
                    long[] before = baseline.getOrDefault(e.getKey(), none);
                    long[] left = after.getOrDefault(e.getKey(), none);
                    return new BenchResults.ClassGrowth(e.getKey(), e.getValue()[0] - before[0], e.getValue()[1] - before[1],
                            left[0] - before[0], left[1] - before[1]);
                })
                .sorted((a, b) -> Long.compare(b.bytesAtPeak(), a.bytesAtPeak()))
                .limit(12)
                .forEach(results.classGrowth::add);
    }

    private AppToken appToken(String realm) {
        return new AppToken(keycloak.baseUrl() + "/realms/" + realm, BenchRealms.APP_CLIENT, BenchRealms.APP_SECRET);
    }

    private static void requireFlow(AdminApi admin, String expected) {
        String flow = admin.browserFlow();
        if (!flow.equals(expected)) {
            throw new IllegalStateException("browser flow is " + flow + ", expected " + expected);
        }
    }

    private static List<AdminApi.BenchUser> slice(List<AdminApi.BenchUser> people, int index, int clients) {
        int size = people.size() / clients;
        return people.subList(index * size, (index + 1) * size);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memTotalKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    static void log(String format, Object... args) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - START) / 1e9, String.format(format, args));
    }
}
