package io.github.otpverification.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code docs/benchmarks.md}: the figures of one run, the targets and what they mean for sizing. */
final class Report {

    private static final String PHASE_HEADER = "| phase | clients | ops | errors | ops/s | p50 ms | p95 ms | p99 ms | Keycloak CPU ms/op "
            + "| Keycloak cores | load generator cores | other processes, cores |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    private final BenchResults r;
    private final BenchConfig config;
    private final StringBuilder out = new StringBuilder();

    Report(BenchResults results, BenchConfig config) {
        this.r = results;
        this.config = config;
    }

    /** A line in benchmarks.md after which hand-written notes follow; a new run keeps them. */
    static final String NOTES_MARKER = "<!-- Hand-written notes below this line are kept when the benchmark rewrites the file. -->";

    /** The marker and the notes after it in an existing report, or nothing. */
    static String keptNotes(java.nio.file.Path existing) throws java.io.IOException {
        if (!java.nio.file.Files.exists(existing)) {
            return "";
        }
        String old = java.nio.file.Files.readString(existing);
        int at = old.indexOf(NOTES_MARKER);
        return at < 0 ? "" : "\n" + old.substring(at);
    }

    String markdown() {
        header();
        targets();
        if (config.everything()) {
            sizing();
        }
        setup();
        if (config.runs("logins")) {
            logins();
        }
        if (config.everything()) {
            sendVersusBuiltIn();
            verifyCost();
            memory();
            scaling();
        } else if (config.runs("memory")) {
            memory();
        }
        if (config.runs("blind")) {
            blindPages();
        }
        if (config.runs("cluster")) {
            cluster();
        }
        if (config.everything()) {
            method();
        }
        return out.toString();
    }

    private void header() {
        line("# Benchmarks");
        line("");
        line("Measured by `%s` (the class `io.github.otpverification.bench.Benchmark` in `src/test/java`), which builds the jar, "
                + "starts Keycloak %s from the distribution with the jar in `providers/` and drives it over plain HTTP from the "
                + "same machine. Run of %s, %.1f minutes%s. Every figure below comes from that run; the file is rewritten by each run.",
                r.command, r.keycloakVersion, r.started, r.minutes, config.quick() ? " (**quick mode: small counts, not for quoting**)" : "");
        line("");
        if (config.everything()) {
            line("![p50/p95/p99 latency and Keycloak CPU per operation of every scenario](%s)", config.chartName());
        } else {
            line("Only scenario %s ran (`-Dbench.only=%s`).", config.runs("blind") ? "6" : config.runs("logins") ? "1"
                    : config.runs("memory") ? "4 (after the unmeasured users and verify calls it needs)" : "7", config.only());
        }
        line("");
    }

    private void targets() {
        if (!config.runs("logins") && !config.runs("blind") && !config.runs("memory")) {
            return; // scenario 7 alone has no targets
        }
        line("## Targets");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        if (config.runs("logins")) {
            loginTargets();
        }
        if (config.everything()) {
            mainTargets();
        } else if (config.runs("memory")) {
            memoryTargets();
        }
        if (config.runs("blind")) {
            blindTargets();
        }
        line("");
    }

    private void loginTargets() {
        double overhead = r.otpCpuOverheadPercent();
        line("| Email OTP adds at most 15 %% Keycloak CPU per login "
                + "| %+.1f %% (%.1f ms with the code step vs %.1f ms with the password only) | %s |",
                overhead, r.otpLogin.serverCpuMillisPerOp(), r.passwordLogin.serverCpuMillisPerOp(), yes(overhead <= 15));
        double ratio = r.otpLogin.serverCpuMillisPerOp() / r.passwordLogin.serverCpuMillisPerOp();
        line("| password + Email OTP ≤ 1.10× the Keycloak CPU of password-only | %.3f× (%.1f vs %.1f ms per login) | %s |",
                ratio, r.otpLogin.serverCpuMillisPerOp(), r.passwordLogin.serverCpuMillisPerOp(), yes(ratio <= 1.10));
        double email = r.addedCpu(r.otpLogin);
        double totp = r.addedCpu(r.totpLogin);
        line("| Email OTP step's added CPU ≤ 1.5× the TOTP step's added CPU (Keycloak's own OTP form, same run) | %s "
                + "(%+.2f vs %+.2f ms per login over the password only) | %s |",
                totp > 0 ? String.format(Locale.ROOT, "%.2f×", email / totp) : "not defined: the TOTP step added no CPU",
                email, totp, yes(totp > 0 && email <= 1.5 * totp));
    }

    private void blindTargets() {
        for (BlindComparison c : List.of(r.blindPhone, r.blindReset)) {
            double[] ci = c.bootstrapInterval();
            line("| known vs unknown p50 difference within noise: %s (the POST) | %+.1f ms (known %.1f vs unknown %.1f ms); "
                    + "bootstrap 95 %% interval of the difference [%+.1f, %+.1f] ms (p50 moved %.1f ms across the parts "
                    + "of one side) | %s |", c.page(), c.p50Difference(), c.knownPost().percentileMillis(50),
                    c.unknownPost().percentileMillis(50), ci[0], ci[1], c.partSpread(), yes(c.withinNoise()));
        }
        double[] gatewayShare = r.blindPhone.intervalOver(r.blindPhoneFastGateway);
        line("| a known number does not answer later because of the gateway call: the phone page's difference with the "
                + "%d ms gateway minus with a gateway answering at once | %+.1f ms (%+.1f vs %+.1f ms); bootstrap 95 %% "
                + "interval [%+.1f, %+.1f] ms | %s |", r.gatewayDelayMillis, r.blindPhone.p50DifferenceOver(r.blindPhoneFastGateway),
                r.blindPhone.p50Difference(), r.blindPhoneFastGateway.p50Difference(), gatewayShare[0], gatewayShare[1],
                yes(gatewayShare[0] <= 0)); // one-sided: only "later" fails it
    }

    private void mainTargets() {
        atLeastAsFast("`send-code` (mail) at least as fast as Keycloak's `send-verify-email` at p50 and p99",
                r.sendAndVerify.step(RestClients.SEND), r.builtInVerifyEmail.step(RestClients.BUILT_IN));
        atLeastAsFast("the same, each writing its audit record (our user events; Keycloak's admin events switched on)",
                r.sendAndVerifyAudited.step(RestClients.SEND), r.builtInAudited.step(RestClients.BUILT_IN));
        double verifyCpu = r.verifyOnly.serverCpuMillisPerOp();
        line("| less than 1 ms CPU per verify | `verify-code` call: %.2f ms Keycloak CPU (the whole request); the code check "
                + "itself: %.1f µs (%.1f µs with the per-request key derivation) | %s |",
                verifyCpu, r.codeCheck.checkNanos() / 1000, r.codeCheck.deriveAndCheckNanos() / 1000,
                verifyCpu < 1 ? "yes" : "the check: yes; the whole call: **no** (Keycloak's own `GET /users/{id}` costs "
                        + String.format(Locale.ROOT, "%.2f ms", r.getUser.serverCpuMillisPerOp()) + ")");
        memoryTargets();
    }

    private void memoryTargets() {
        double perCode = r.heapPerPendingCode();
        line("| at most 1 KB heap per pending code | %.0f bytes (heap growth / codes); %.0f bytes freed per code when they expired | %s |",
                perCode, r.heapFreedPerCode(), yes(perCode <= 1024));
        long back = r.heapAfterExpiry - r.heapBaseline;
        long growth = r.heapWithGuests - r.heapBaseline;
        line("| heap back to baseline after the codes expire, codes killed by wrong codes and guest codes included "
                + "| %.1f MB after vs %.1f MB before: %+.1f MB (the %,d pending, %,d killed and %,d guest codes had added %.1f MB) | %s |",
                mb(r.heapAfterExpiry), mb(r.heapBaseline), mb(back), r.pendingCodes, r.killedCodes, r.guestCodes, mb(growth),
                yes(back < growth / 10));
        line("| no code outlives its lifetime in Keycloak's single-use-object store, dead ones included (live entries, "
                + "`jcmd GC.class_histogram`) | %,d entries before, %,d with all codes held, %,d after expiry (%+,d) | %s |",
                r.storeEntriesBaseline, r.storeEntriesHeld, r.storeEntriesAfter, r.storeEntriesAfter - r.storeEntriesBaseline,
                yes(r.storeBackToBaseline()));
        if (r.capSendsTotal() > 0) {
            line("| the default caps' own entries (until the hour after a send has ended) | %.2f store entries and %.0f bytes of heap "
                    + "per send (%,d sends to people and %,d guest sends, read after their codes expired) | measured (no target) |",
                    r.entriesPerCapSend(), r.heapPerCapSend(), r.capUserSends, r.capGuestSends);
        }
    }

    /** A target row: ours at least as fast as Keycloak's at p50 and at p99. */
    private void atLeastAsFast(String target, Latencies ours, Latencies keycloaks) {
        boolean p50 = ours.percentileMillis(50) <= keycloaks.percentileMillis(50);
        boolean p99 = ours.percentileMillis(99) <= keycloaks.percentileMillis(99);
        line("| %s | p50 %.1f vs %.1f ms, p99 %.1f vs %.1f ms | %s |", target, ours.percentileMillis(50),
                keycloaks.percentileMillis(50), ours.percentileMillis(99), keycloaks.percentileMillis(99),
                p50 && p99 ? "yes" : p50 ? "p50 yes, p99 **no**" : p99 ? "p99 yes, p50 **no**" : "**no**");
    }

    private void sizing() {
        line("## What this means for sizing");
        line("");
        double pw = r.passwordLogin.serverCpuMillisPerOp();
        double otp = r.otpLogin.serverCpuMillisPerOp();
        double pair = r.sendAndVerify.serverCpuMillisPerOp();
        double returned = r.issueReturned.serverCpuMillisPerOp() + r.verifyOnly.serverCpuMillisPerOp();
        line("- **Logins per core per second** (Keycloak CPU only, the browser flow with PKCE and the token exchange): "
                + "%.0f with the password only, **%.0f with password + Email OTP** (%.1f ms vs %.1f ms CPU per login). "
                + "The password hash (%s) is most of a login, so the OTP step adds a smaller share than its extra page, mail "
                + "and form post suggest.", 1000 / pw, 1000 / otp, pw, otp, r.passwordHashing);
        line("- **REST codes per core per second**: %.0f send + verify pairs by mail (%.1f ms CPU per pair), %.0f with "
                + "`returnCode` (no mail, %.1f ms). Keycloak's own `send-verify-email` costs %.1f ms per mail.",
                1000 / pair, pair, 1000 / returned, returned, r.builtInVerifyEmail.serverCpuMillisPerOp());
        line("- **Headroom**: at %d clients Keycloak used %.2f of the %d cores for %.1f logins/s with OTP; the load "
                + "generator took %.2f cores of the same machine, so the throughput columns understate what a dedicated "
                + "Keycloak core does — size by CPU per operation, and keep peak CPU below ~70 %% so that latency stays flat "
                + "(p99 grows quickly once the cores are saturated, see scenario 5).",
                r.otpLogin.clients, r.otpLogin.serverCores(), r.cores, r.otpLogin.throughput(), r.otpLogin.clientCores());
        line("  Planning at 70 %% CPU: about %.0f logins/s with Email OTP per core like these; 50 logins/s at peak need "
                + "about %.1f such cores of Keycloak (plus the database, %s).", 0.7 * 1000 / otp, 50 * otp / 1000 / 0.7,
                config.postgres() ? String.format(Locale.ROOT, "here %.1f ms of PostgreSQL CPU per login with Email OTP",
                        r.otpLogin.databaseCpuMillisPerOp()) : "which here ran inside Keycloak's JVM");
        line("- **Memory**: %.0f MB of heap per 100,000 pending codes (%.0f bytes each), held in Keycloak's `actionTokens` "
                + "cache until they are used or expire (default lifetime 5 min) and the cache's expiration reaper runs (every "
                + "minute). In a cluster that cache is distributed with two owners, so each code lives on two nodes: with N "
                + "nodes, a node holds about 2/N of them. 100,000 codes pending at once means roughly 20,000 sends per minute. "
                + "A code killed by wrong codes stays until its lifetime ends, with its attempt slots: %.0f bytes; a guest "
                + "code (`/email/send-code`) %.0f bytes. %s",
                r.heapPerPendingCode() * 100_000 / 1e6, r.heapPerPendingCode(), r.heapPerKilledCode(), r.heapPerGuestCode(),
                r.capSendsTotal() > 0
                        ? String.format(Locale.ROOT, "With the default caps each send also leaves %.1f entries of the caps "
                                + "(%.0f bytes) in the same cache until the hour after it has ended, so they hold up to two "
                                + "hours of sends: a steady 100,000 sends per hour keep about %.0f MB of cap entries.",
                                r.entriesPerCapSend(), r.heapPerCapSend(), r.heapPerCapSend() * 200_000 / 1e6)
                        : "Not measured here (no cap phase ran): with the default caps each send also leaves entries of "
                                + "the caps in the same cache until the hour after it has ended.");
        line("");
    }

    private void setup() {
        line("## Machine and setup");
        line("");
        line("| | |");
        line("|---|---|");
        line("| machine | %d cores (%s), %,d MB RAM, shared with other people's test servers |", r.cores, r.cpuModel, r.ramMb);
        line("| Java | %s (load generator); Keycloak's JVM: %s |", r.javaVersion, r.serverJvmFlags);
        line("| Keycloak | %s, `%s`, ports %d (HTTP) and %d (management), one node |", r.keycloakVersion, r.serverMode,
                config.httpPort(), config.managementPort());
        if (config.postgres()) {
            line("| database | PostgreSQL (Debian's server, `initdb` into a temporary directory, port %d, `fsync=off`, trust "
                    + "authentication on loopback), started and stopped by the benchmark; its CPU (the postmaster and its "
                    + "backends, `/proc/<pid>/stat`) is the column *database CPU ms/op*, apart from Keycloak's |",
                    config.databasePort());
        } else {
            line("| database | H2 file database (`--db=dev-file`) inside Keycloak's JVM, so its CPU counts as Keycloak's: "
                    + "with PostgreSQL, as in production, that share moves to the database server, and the CPU figures here are an "
                    + "upper bound for Keycloak itself (`-Dbench.db=postgres` measures that) |");
        }
        line("| mail | GreenMail (SMTP, port %d) in the load generator's JVM |", config.smtpPort());
        line("| realms | `bench-pw`, `bench-otp`, `bench-totp`, `bench-sms` and `bench-blind`, all from `demo/demo-realm.json`; "
                + "`bench-pw` with the built-in `browser` flow, `bench-totp` the same with a TOTP credential per user (so that the "
                + "built-in flow's conditional OTP form asks for a code), `bench-otp` with the demo's password + Email OTP flow, "
                + "`bench-sms` with the same demo flow and a verified phone number per user (its SMS branch), `bench-blind` with "
                + "the blind pages of scenario 6; events on, brute-force detection on |");
        line("| SMS | the extension's `http` gateway (with its `authorization` token) to a fake gateway in the load generator's "
                + "JVM (port %d) that answers `202` after %d ms, like a slow real one |", config.gatewayPort(),
                config.gatewayDelayMillis());
        if (config.everything()) {
            line("| passwords | %s |", r.passwordHashing);
        }
        line("| load average (1, 5, 15 min) | at start `%s`, at end `%s`; %s |", r.loadAtStart, r.loadAtEnd, r.waitedForQuiet);
        line("");
    }

    private void logins() {
        List<PhaseResult> kinds = List.of(r.passwordLogin, r.otpLogin, r.totpLogin, r.smsLogin);
        line("## 1. Login: password only, + Email OTP, + TOTP (Keycloak's own OTP form), + SMS OTP");
        line("");
        line("Authorization-code flow with PKCE (`account-console`), every login in a new cookie jar: GET the login page, POST "
                + "the password, answer the second page where there is one, exchange the code for tokens. The second pages: "
                + "the extension's `email-otp-form` (code read from GreenMail), Keycloak's built-in OTP form (`bench-totp`, "
                + "the anchor: the code computed from the user's known secret, RFC 6238, each user at most once per 30 s step "
                + "since Keycloak refuses a used code; %d logins had to wait for a new step), the extension's `sms-otp-form` "
                + "(through the `http` gateway to the fake gateway in the load generator, answering at once; code read from "
                + "the message). %d users per realm (%d in `bench-totp`), %d virtual users, %d warm-up logins of each kind "
                + "(Keycloak's JIT compiler needs many), then %d measured of each in four alternating parts (password, email, "
                + "TOTP, SMS, password, ...), so drift hits all alike. The Email and SMS realms keep the demo's per-user send caps "
                + "(the SMS realm's realm-wide SMS caps and its per-IP cap are off: every login here comes from 127.0.0.1).",
                r.totpWaits, r.loginUsersPerRealm, r.totpUsers, r.passwordLogin.clients, config.jitWarmupLogins(),
                r.passwordLogin.ok + r.passwordLogin.errors);
        line("");
        phases(kinds);
        line("| login | Keycloak CPU ms/login | added over password only, ms | added, %% | p50 ms | added p50, ms |");
        line("|---|---:|---:|---:|---:|---:|");
        double pwP50 = r.passwordLogin.step(PhaseResult.OP).percentileMillis(50);
        for (PhaseResult p : kinds) {
            double p50 = p.step(PhaseResult.OP).percentileMillis(50);
            line("| %s | %.2f | %+.2f | %+.1f %% | %.1f | %+.1f |", p.name, p.serverCpuMillisPerOp(), r.addedCpu(p),
                    100 * r.addedCpu(p) / r.passwordLogin.serverCpuMillisPerOp(), p50, p50 - pwP50);
        }
        line("");
        double totp = r.addedCpu(r.totpLogin);
        line("**Email OTP adds %+.1f %% Keycloak CPU per login** (%.2f ms), Keycloak's TOTP form %+.1f %% (%.2f ms), SMS OTP "
                + "%+.1f %% (%.2f ms)%s.", r.otpCpuOverheadPercent(), r.addedCpu(r.otpLogin),
                100 * totp / r.passwordLogin.serverCpuMillisPerOp(), totp,
                100 * r.addedCpu(r.smsLogin) / r.passwordLogin.serverCpuMillisPerOp(), r.addedCpu(r.smsLogin),
                totp > 0 ? String.format(Locale.ROOT, "; the Email OTP step costs %.2f× the TOTP step", r.addedCpu(r.otpLogin) / totp) : "");
        line("");
        if (!r.profiles.isEmpty()) {
            line("Profiles (async-profiler, `-Dbench.profile=%s`, after the measured parts; the profiler's own cost is in "
                    + "these phases' CPU, so they are not the figures above): ", config.profile());
            line("");
            for (BenchResults.Profile profile : r.profiles) {
                line("- [%s](%s): %d logins, %.2f ms Keycloak CPU per login with the profiler on", profile.kind(),
                        profile.flameGraph(), profile.phase().ok, profile.phase().serverCpuMillisPerOp());
            }
            line("");
        }
    }

    private void sendVersusBuiltIn() {
        line("## 2. REST `send-code` + `verify-code` vs Keycloak's `send-verify-email`");
        line("");
        line("Both send a real mail to GreenMail. Ours: `POST /verification/users/{id}/send-code` (email, purpose `login`), "
                + "the code read from the mail, `POST .../verify-code`. Keycloak's: `PUT /admin/realms/{realm}/users/{id}/send-verify-email`. "
                + "Same service-account token, same %,d users, %d virtual users, %,d warm-up operations of each, then measured "
                + "in four alternating parts (A, B, A, B, ...); realm settings: no cooldown, no caps.",
                r.smallRealmUsers - r.loginUsersPerRealm, r.sendAndVerify.clients, config.jitWarmupRest());
        line("");
        phases(List.of(r.sendAndVerify, r.builtInVerifyEmail, r.sendAndVerifyEventsAround, r.sendAndVerifyNoEvents,
                r.sendAndVerifyAudited, r.builtInAudited));
        double ourSend = r.sendAndVerify.serverCpuMillisPerOp() - r.verifyOnly.serverCpuMillisPerOp();
        double on1 = r.eventsOnBefore.serverCpuMillisPerOp();
        double on2 = r.eventsOnAfter.serverCpuMillisPerOp();
        double off = r.sendAndVerifyNoEvents.serverCpuMillisPerOp();
        double events = (on1 + on2) / 2 - off;
        double gap = ourSend - r.builtInVerifyEmail.serverCpuMillisPerOp();
        String eventCost = Math.abs(events) <= Math.max(Math.abs(on1 - on2), 0.05 * off)
                ? String.format(Locale.ROOT, "no difference beyond the noise (%.2f and %.2f ms per pair with events, %.2f ms "
                        + "without): the events do not explain the gap", on1, on2, off)
                : String.format(Locale.ROOT, "that the two event rows cost %.2f ms per pair (%.2f and %.2f ms with events, %.2f ms "
                        + "without), against a gap of %.2f ms", events, on1, on2, off, gap);
        line("A `send-code` by mail costs about %.2f ms of Keycloak CPU (the pair minus a `verify-code` alone, scenario 3) "
                + "against %.2f ms for Keycloak's `send-verify-email`. Our calls write a user event each (`SEND_VERIFY_EMAIL`, "
                + "`VERIFY_EMAIL`; the realm has events on, as the demo realm does), Keycloak's admin call writes none "
                + "(admin events are off). The third and fourth rows, measured after the comparison with events on, off, on, show %s. "
                + "The last two rows are the comparison again, measured A, B, A, B, with Keycloak's admin events switched on, "
                + "so that each side writes its audit record to the database (%.2f ms per pair vs %.2f ms per built-in mail).",
                ourSend, r.builtInVerifyEmail.serverCpuMillisPerOp(), eventCost, r.sendAndVerifyAudited.serverCpuMillisPerOp(),
                r.builtInAudited.serverCpuMillisPerOp());
        line("");
        line("Per request:");
        line("");
        steps(List.of(
                new Row("send-code (mail)", r.sendAndVerify.step(RestClients.SEND)),
                new Row("verify-code", r.sendAndVerify.step(RestClients.VERIFY)),
                new Row("send-verify-email (built-in, mail)", r.builtInVerifyEmail.step(RestClients.BUILT_IN)),
                new Row("send-code (mail), user events on, against admin events on", r.sendAndVerifyAudited.step(RestClients.SEND)),
                new Row("send-verify-email (built-in, mail), admin events on", r.builtInAudited.step(RestClients.BUILT_IN)),
                new Row("SMTP alone: Jakarta Mail from the load generator to GreenMail", r.smtpFloor)));
        line("Both mail-sending calls open a new SMTP connection per mail (Keycloak does not pool them); the last row is "
                + "that SMTP transaction alone, without Keycloak.");
        line("");
    }

    private void verifyCost() {
        line("## 3. What a verify costs");
        line("");
        line("Codes issued with `returnCode: true` (no mail) to %d users, then only `verify-code` calls, so the CPU of the "
                + "verify phase is the verify alone (token check, user lookup, permission check, attempt slot and single-use "
                + "removal in the cache, event, marking). In this JVM: `CodeEngine.check` of a right code %,d times after a warm-up, "
                + "timed by the thread's CPU clock.", r.smallRealmUsers - r.loginUsersPerRealm, r.codeCheck.checks());
        line("");
        phases(List.of(r.issueReturned, r.verifyOnly, r.getUser));
        line("The last row is Keycloak's own `GET /admin/realms/{realm}/users/{id}` with the same token and users: the "
                + "least an authenticated call that loads a user costs here.");
        line("");
        line("| in-process (one thread) | CPU per call |");
        line("|---|---:|");
        line("| `CodeEngine.check`: HMAC-SHA-256 of binding + salt + code, constant-time compare | %.2f µs |", r.codeCheck.checkNanos() / 1000);
        line("| the same plus the per-request key derivation from the realm's HS512 key | %.2f µs |", r.codeCheck.deriveAndCheckNanos() / 1000);
        line("| `CodeEngine.issue`: SecureRandom code and salt + HMAC | %.2f µs |", r.codeCheck.issueNanos() / 1000);
        line("");
        line("The check is %.2f %% of the CPU of a `verify-code` call; the rest is Keycloak's request handling.",
                100 * r.codeCheck.deriveAndCheckNanos() / 1e6 / r.verifyOnly.serverCpuMillisPerOp());
        line("");
    }

    private void memory() {
        line("## 4. Memory of pending codes, codes killed by wrong codes and guest codes");
        line("");
        line("%,d users imported with `partialImport` (%,d per request, %d requests at a time, no passwords) in %.0f s "
                + "(%.0f users/s). Then %,d codes "
                + "sent with `returnCode: true` (no mail), one per user, so they all stay pending; heap = `used` of "
                + "`jcmd <pid> GC.heap_info` after `jcmd <pid> GC.run` (smallest of 3). Then, with those held, %,d codes "
                + "killed by wrong codes (sent with `returnCode` for purpose `reset-credentials` to the same people, then "
                + "`verify-code` with a wrong code until `429 max_attempts_reached`: %.1f wrong codes per code; "
                + "brute-force detection off for this scenario, so that Keycloak's login-failure records do not count), "
                + "then %,d guest codes (`POST /email/send-code` with `returnCode`, a new address each). "
                + "Lifetimes: %s.",
                r.usersImported, config.importBatch(), config.importParallel(), r.importSeconds,
                r.usersImported / r.importSeconds, r.pendingCodes, r.killedCodes,
                r.killCodes.step(RestClients.WRONG_CODE).count() / (double) r.killedCodes, r.guestCodes, r.ttlNote);
        line("");
        phases(List.of(r.issuePending, r.killCodes, r.issueGuest));
        line("| | heap used | |");
        line("|---|---:|---|");
        line("| before (baseline) | %.1f MB | |", mb(r.heapBaseline));
        line("| %,d codes pending | %.1f MB | %+.1f MB, **%.0f bytes per code** |", r.pendingCodes, mb(r.heapPeak),
                mb(r.heapPeak - r.heapBaseline), r.heapPerPendingCode());
        line("| and %,d codes killed by wrong codes | %.1f MB | %+.1f MB, **%.0f bytes per killed code** |", r.killedCodes,
                mb(r.heapWithKilled), mb(r.heapWithKilled - r.heapPeak), r.heapPerKilledCode());
        line("| and %,d guest codes | %.1f MB | %+.1f MB, **%.0f bytes per guest code** |", r.guestCodes, mb(r.heapWithGuests),
                mb(r.heapWithGuests - r.heapWithKilled), r.heapPerGuestCode());
        line("| after expiry (%.0f s after the last send) | %.1f MB | %+.1f MB vs baseline; %.0f bytes per pending code freed, "
                + "%.1f MB of all three |", r.expiryWaitSeconds, mb(r.heapAfterExpiry), mb(r.heapAfterExpiry - r.heapBaseline),
                r.heapFreedPerCode(), mb(r.heapWithGuests - r.heapAfterExpiry));
        line("");
        line("Entries of Keycloak's single-use-object store (live `SingleUseObjectValueEntity` instances: one per code, "
                + "attempt slot or other entry), a far finer count than the heap:");
        line("");
        line("| | entries | |");
        line("|---|---:|---|");
        line("| before (baseline) | %,d | |", r.storeEntriesBaseline);
        line("| %,d codes pending | %,d | %+.2f per pending code |", r.pendingCodes, r.storeEntriesPending,
                (r.storeEntriesPending - r.storeEntriesBaseline) / (double) r.pendingCodes);
        line("| and %,d codes killed by wrong codes | %,d | %+.2f per killed code (the code and its attempt slots) |", r.killedCodes,
                r.storeEntriesKilled, (r.storeEntriesKilled - r.storeEntriesPending) / (double) r.killedCodes);
        line("| and %,d guest codes | %,d | %+.2f per guest code |", r.guestCodes, r.storeEntriesHeld,
                (r.storeEntriesHeld - r.storeEntriesKilled) / (double) r.guestCodes);
        line("| after expiry | %,d | %+,d vs baseline |", r.storeEntriesAfter, r.storeEntriesAfter - r.storeEntriesBaseline);
        line("");
        line("Live objects that grew most from the baseline to the pending codes alone (`jcmd <pid> GC.class_histogram`), per pending code, "
                + "and what was left of that growth after expiry:");
        line("");
        line("| class | instances per code | bytes per code | bytes per code left after expiry |");
        line("|---|---:|---:|---:|");
        for (BenchResults.ClassGrowth c : r.classGrowth) {
            line("| `%s` | %.2f | %.0f | %.0f |", c.className(), c.instancesAtPeak() / (double) r.pendingCodes,
                    c.bytesAtPeak() / (double) r.pendingCodes, c.bytesAfter() / (double) r.pendingCodes);
        }
        line("");
        line("Heap after GC while waiting (seconds after the last guest code was sent):");
        line("");
        StringBuilder series = new StringBuilder();
        for (BenchResults.HeapReading reading : r.heapReadings) {
            series.append(String.format(Locale.ROOT, "%.0f s: %.1f MB; ", reading.secondsAfterLastSend(), mb(reading.usedBytes())));
        }
        line("%s", series.toString().replaceAll("; $", ""));
        line("");
        if (r.capSendsTotal() > 0) {
            capEntries();
        }
    }

    private void capEntries() {
        line("**The caps' own entries.** Then, with the default caps on (10 sends per user, 5 per address or number, 30 per "
                + "client IP, per hour; docs/settings.md) and codes living %d s: %,d codes to people (`returnCode`, one each, "
                + "to their own address: the user's cap, and the address's where it is not verified) and %,d guest codes to new addresses (the address's cap), turn about; "
                + "read once those codes had expired and been reaped. A cap keeps one entry per send and one count per person, "
                + "address or IP until the hour after the send has ended.", config.codeTtl(), r.capUserSends, r.capGuestSends);
        line("");
        phases(List.of(r.capSends));
        line("| | heap used | store entries |");
        line("|---|---:|---:|");
        line("| before | %.1f MB | %,d |", mb(r.heapBeforeCaps), r.storeEntriesBeforeCaps);
        line("| after the sends, their codes expired | %.1f MB | %,d |", mb(r.heapWithCapsOnly), r.storeEntriesCapsOnly);
        line("| per send | **%.0f bytes** | **%.2f** |", r.heapPerCapSend(), r.entriesPerCapSend());
        line("");
    }

    private void scaling() {
        line("## 5. Scaling: send-code + verify-code (mail) by clients and realm size");
        line("");
        line("The scenario-2 pair at %s concurrent clients, with %,d and with %,d users in the realm (each client works "
                + "through its own slice of users; with %,d users most are not in Keycloak's user cache, which holds 10,000).",
                config.scalingClients(), r.smallRealmUsers, r.largeRealmUsers, r.largeRealmUsers);
        line("");
        line("| users | clients | pairs/s | send p50 ms | send p99 ms | verify p50 ms | verify p99 ms | Keycloak CPU ms/pair | Keycloak cores | errors |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Integer, Map<Integer, PhaseResult>> size : List.of(Map.entry(r.smallRealmUsers, r.scalingSmall),
                Map.entry(r.largeRealmUsers, r.scalingLarge))) {
            size.getValue().forEach((clients, p) -> line("| %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %d |",
                    size.getKey(), clients, p.throughput(), p.step(RestClients.SEND).percentileMillis(50),
                    p.step(RestClients.SEND).percentileMillis(99), p.step(RestClients.VERIFY).percentileMillis(50),
                    p.step(RestClients.VERIFY).percentileMillis(99), p.serverCpuMillisPerOp(), p.serverCores(), p.errors));
        }
        line("");
        int most = config.scalingClients().get(config.scalingClients().size() - 1);
        int fewest = config.scalingClients().get(0);
        double atFewest = change(r.scalingLarge.get(fewest), r.scalingSmall.get(fewest));
        double atMost = change(r.scalingLarge.get(most), r.scalingSmall.get(most));
        line("With %,d users a pair costs %+.0f %% Keycloak CPU at %d client and %+.0f %% at %d clients against %,d users "
                + "(%s).", r.largeRealmUsers, atFewest, fewest, atMost, most, r.smallRealmUsers,
                Math.max(atFewest, atMost) > 10 ? "most users are not in Keycloak's user cache and are read from the database"
                        : "no difference beyond the noise");
        List<Integer> levels = config.scalingClients();
        if (levels.size() > 1) {
            PhaseResult top = r.scalingSmall.get(most);
            PhaseResult below = r.scalingSmall.get(levels.get(levels.size() - 2));
            line("From %d to %d clients (%,d users) throughput changes %+.0f %% and the `send-code` p50 %+.0f %%: Keycloak, "
                    + "the load generator and GreenMail share %d cores, and once they are busy more clients mostly queue.",
                    levels.get(levels.size() - 2), most, r.smallRealmUsers, (top.throughput() / below.throughput() - 1) * 100,
                    (top.step(RestClients.SEND).percentileMillis(50) / below.step(RestClients.SEND).percentileMillis(50) - 1) * 100,
                    r.cores);
        }
        line("");
    }

    private void blindPages() {
        line("## 6. Blind pages: a known and an unknown account answer alike");
        line("");
        line("The pages that must not tell whether an account exists, in realm `bench-blind`: the phone sign-in page "
                + "(client `%s`, browser flow `phone-number-form` then `sms-otp-form`) and the reset page (client `%s`'s "
                + "login page, \"Forgot password\", the realm's reset flow `reset-credentials-choose-user`, `email-otp-form`, "
                + "`reset-password`). Each operation is a new browser: open the login page (and the reset link), POST a number "
                + "or username, expect the code page (`kc-otp-code-form`). Known: one of %,d users with a verified German mobile "
                + "number (`+49151…`) and an address; unknown: a random unused `+49151…` number, a random username. "
                + "A real SMS goes to the slow fake gateway (%d ms per SMS), a real mail to a mail server in the load "
                + "generator's JVM that counts it and forgets it (GreenMail, which parses and keeps every mail, would spend "
                + "several ms of CPU per mail on the measured cores, for the known side only; a production mail server runs "
                + "on other machines); both are handed to Keycloak's executor after the request. The unknown side's message "
                + "is rendered, and after the request rehearsed: built for the wire, dropped, and its thread kept busy until "
                + "it has cost the CPU time a real send costs (`DeliveryCost`). "
                + "%d virtual users, %,d warm-up operations of each side, then %,d measured of each in %d alternating parts "
                + "(known, unknown, then unknown, known, and so on, so that a drift favours neither); realm settings: no "
                + "cooldown, no caps. The control: the phone page again with the gateway answering at once (%d warm-up "
                + "operations of each side), so that what the slow gateway adds is the difference of the two differences.",
                BenchRealms.PHONE_CLIENT, BenchRealms.RESET_CLIENT, r.blindUsers, r.gatewayDelayMillis, config.vus(),
                config.blindWarmup(), config.blindOps(), r.blindPhone.knownParts().size(), config.warmup());
        line("");
        line("| page | account | ops | errors | POST p50 ms | POST p90 ms | POST p99 ms | POST p50 per part, ms | "
                + "whole op p50 ms | Keycloak CPU ms/op | load generator and its fakes, cores |");
        line("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (BlindComparison c : List.of(r.blindPhone, r.blindPhoneFastGateway, r.blindReset)) {
            blindRow(c.page(), "known", c.known(), c.knownParts());
            blindRow(c.page(), "unknown", c.unknown(), c.unknownParts());
        }
        line("");
        for (BlindComparison c : List.of(r.blindPhone, r.blindPhoneFastGateway, r.blindReset)) {
            double[] ci = c.bootstrapInterval();
            line("- **%s**: p50 of the POST %+.1f ms known vs unknown, p99 %+.1f ms; the p50 moved up to %.1f ms between "
                    + "parts of the same side, and a bootstrap of the median difference (%,d resamples) gives [%+.1f, %+.1f] ms: "
                    + "%s. Keycloak CPU per operation (login page, POST and, for the known account, the send after the "
                    + "request) %.2f vs %.2f ms.", c.page(), c.p50Difference(),
                    c.knownPost().percentileMillis(99) - c.unknownPost().percentileMillis(99), c.partSpread(),
                    BlindComparison.RESAMPLES, ci[0], ci[1],
                    c.withinNoise() ? "the difference is within the noise" : "**the difference is larger than the noise**",
                    c.known().serverCpuMillisPerOp(), c.unknown().serverCpuMillisPerOp());
            double[] hour = c.intervalWithSamples(10);
            double[] day = c.intervalWithSamples(240);
            line("  What someone measuring only some of these requests sees, with the cores kept this busy: with 10 of each "
                    + "side (what the default caps send to one typed name in an hour) the median difference lies in "
                    + "[%+.1f, %+.1f] ms (95 %%), with 240 (a day of them) in [%+.1f, %+.1f] ms.", hour[0], hour[1], day[0], day[1]);
        }
        line("- The real sends happened: the gateway answered %,d SMS for %,d posts of a known number (%d refused for a "
                + "wrong token); the mail server received %,d mails for %,d posts of a known username (warm-ups included). "
                + "A gateway that slow would add %d ms to every known number's POST if the page waited for it.",
                r.gatewayAccepted, r.knownPhoneOps, r.gatewayRefused, r.resetMails, r.knownResetOps, r.gatewayDelayMillis);
        line("");
        errors(List.of(r.blindPhone.known(), r.blindPhone.unknown(), r.blindPhoneFastGateway.known(),
                r.blindPhoneFastGateway.unknown(), r.blindReset.known(), r.blindReset.unknown()));
    }

    private void cluster() {
        line("## 7. Cluster: send-code + verify-code (mail) on one node and on two");
        line("");
        line("The scenario-2 pair with %,d users and %d virtual users: first on the single node above (database: %s, "
                + "`--cache=local`), %,d warm-up pairs; then, that node stopped, on two production-mode nodes from the same "
                + "distribution (`kc.sh start --optimized`, `--cache=ispn --cache-stack=jdbc-ping`, one PostgreSQL of their own, "
                + "the cluster test's setup: testsupport/cluster), %,d warm-up pairs of each side, then measured in four "
                + "alternating parts: every request to node A, against the send to node A and the verify to node B. "
                + "Keycloak CPU is both nodes' JVMs together; the pending code lives in the distributed `actionTokens` cache "
                + "on both nodes either way.", r.clusterUsers, config.vus(), config.postgres() ? "PostgreSQL" : "H2 inside the JVM",
                config.jitWarmupRest(), config.jitWarmupRest());
        line("");
        boolean postgres = config.postgres();
        line("| phase | ops | errors | pairs/s | p50 ms | p99 ms | send p50 ms | verify p50 ms | verify p99 ms "
                + "| Keycloak CPU ms/pair | database CPU ms/pair |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PhaseResult p : List.of(r.singleNodePairs, r.clusterSameNode, r.clusterCrossNode)) {
            Latencies op = p.step(PhaseResult.OP);
            boolean ownDatabase = p != r.singleNodePairs || postgres;
            line("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %s |", p.name, p.ok, p.errors, p.throughput(),
                    op.percentileMillis(50), op.percentileMillis(99), p.step(RestClients.SEND).percentileMillis(50),
                    p.step(RestClients.VERIFY).percentileMillis(50), p.step(RestClients.VERIFY).percentileMillis(99),
                    p.serverCpuMillisPerOp(), ownDatabase ? String.format(Locale.ROOT, "%.2f", p.databaseCpuMillisPerOp())
                            : "(in Keycloak's)");
        }
        line("");
        line("Two nodes cost %+.0f %% Keycloak CPU per pair (both JVMs) against one node when both requests reach node A, "
                + "%+.0f %% when the verify goes to node B.",
                (r.clusterSameNode.serverCpuMillisPerOp() / r.singleNodePairs.serverCpuMillisPerOp() - 1) * 100,
                (r.clusterCrossNode.serverCpuMillisPerOp() / r.singleNodePairs.serverCpuMillisPerOp() - 1) * 100);
        line("");
        errors(List.of(r.singleNodePairs, r.clusterSameNode, r.clusterCrossNode));
    }

    private void blindRow(String page, String account, PhaseResult p, List<PhaseResult> parts) {
        Latencies post = p.step(BlindPageClient.POST);
        String perPart = java.util.Arrays.stream(BlindComparison.partP50s(parts))
                .mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).collect(java.util.stream.Collectors.joining(", "));
        line("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %s | %.1f | %.2f | %.2f |", page, account, p.ok, p.errors,
                post.percentileMillis(50), post.percentileMillis(90), post.percentileMillis(99), perPart,
                p.step(PhaseResult.OP).percentileMillis(50), p.serverCpuMillisPerOp(), p.clientCores());
    }

    private static double change(PhaseResult large, PhaseResult small) {
        return (large.serverCpuMillisPerOp() / small.serverCpuMillisPerOp() - 1) * 100;
    }

    private void method() {
        line("## Surprises");
        line("");
        PhaseResult first = r.warmUpCurve.get(0);
        PhaseResult last = r.warmUpCurve.get(r.warmUpCurve.size() - 1);
        line("- **Warm-up matters more than anything else here.** After the login scenario, the first %d `send-code` + "
                + "`verify-code` pairs cost %.1f ms of Keycloak CPU each, the last %d of the %,d warm-up pairs %.1f ms, the "
                + "measured ones %.1f ms (Keycloak's JIT compiler at work; per %d pairs: %s ms). Hence the long warm-ups; a "
                + "freshly started node is several times slower for its first minutes of traffic.",
                first.ok, first.serverCpuMillisPerOp(), last.ok, config.jitWarmupRest(), last.serverCpuMillisPerOp(),
                r.sendAndVerify.serverCpuMillisPerOp(), first.ok + first.errors,
                r.warmUpCurve.stream().map(p -> String.format(Locale.ROOT, "%.1f", p.serverCpuMillisPerOp()))
                        .collect(java.util.stream.Collectors.joining(", ")));
        line("- **GreenMail stalls every mail by ~230 ms** unless its sockets set `TCP_NODELAY` (its replies are written in "
                + "pieces and wait for delayed ACKs). The benchmark sets it (`MailCatcher`); without it every mail-sending "
                + "call measured ~250 ms of idle waiting, ours and Keycloak's alike.");
        line("- The per-user send caps are part of the login cost measured here: the OTP realm keeps the defaults (each "
                + "send takes a slot in the cluster-wide single-use store per cap).");
        line("");
        line("## How it was measured, and what it does not say");
        line("");
        line("- Keycloak CPU = utime + stime of the Keycloak JVM (`/proc/<pid>/stat`, all threads: request handling, GC, JIT, "
                + "the embedded H2 database) read before and after each measured phase, divided by the operations; "
                + "`other processes` = the machine's busy time (`/proc/stat`) minus Keycloak and the load generator.");
        line("- Closed-loop load: each virtual user starts its next operation when the last one answered; throughput is "
                + "what %d cores shared by Keycloak, the load generator and GreenMail gave, not a capacity limit.", r.cores);
        line("- Latency = client-side wall time per request or per operation (`op`), nearest-rank percentiles.");
        line("- Every measured phase follows unmeasured warm-up operations of the same kind (%d logins per realm, %d of "
                + "each REST call, %d per level in scenario 5): Keycloak's JVM kept getting faster for thousands of requests.",
                config.jitWarmupLogins(), config.jitWarmupRest(), config.warmup());
        line("- Production mode (`kc.sh start`, themes and templates cached) but one node with a local cache "
                + "(`--cache=local`) and H2: a cluster adds replication of the `actionTokens` entries, PostgreSQL moves "
                + "database CPU out of the Keycloak process.");
        line("- Errors are operations that did not end as expected (a status other than the expected one, no mail, "
                + "no code); they are counted, never retried, and left out of the latencies.");
        line("");
    }

    private record Row(String name, Latencies latencies) {
    }

    private void steps(List<Row> rows) {
        line("| request | count | p50 ms | p95 ms | p99 ms | mean ms |");
        line("|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            Latencies l = row.latencies();
            line("| %s | %d | %.1f | %.1f | %.1f | %.1f |", row.name(), l.count(), l.percentileMillis(50), l.percentileMillis(95),
                    l.percentileMillis(99), l.meanMillis());
        }
        line("");
    }

    private void phases(List<PhaseResult> phases) {
        boolean database = config.postgres();
        out.append(database ? PHASE_HEADER.replace("| Keycloak cores |", "| database CPU ms/op | Keycloak cores |")
                .replace("|---:|---:|---:|---:|\n", "|---:|---:|---:|---:|---:|\n") : PHASE_HEADER);
        for (PhaseResult p : phases) {
            if (p == null) {
                continue;
            }
            Latencies op = p.step(PhaseResult.OP);
            line("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f |%s %.2f | %.2f | %.2f |", p.name, p.clients, p.ok, p.errors,
                    p.throughput(), op.percentileMillis(50), op.percentileMillis(95), op.percentileMillis(99),
                    p.serverCpuMillisPerOp(), database ? String.format(Locale.ROOT, " %.2f |", p.databaseCpuMillisPerOp()) : "",
                    p.serverCores(), p.clientCores(), p.otherCores());
        }
        line("");
        errors(phases);
    }

    /** Some of the errors of each phase that had any. */
    private void errors(List<PhaseResult> phases) {
        for (PhaseResult p : phases) {
            if (p != null && !p.errorSamples.isEmpty()) {
                line("Errors in *%s*, e.g.: `%s`", p.name, String.join("`, `", p.errorSamples).replace("|", "\\|"));
                line("");
            }
        }
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
