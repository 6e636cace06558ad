package io.github.otpverification.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, for the report and the chart. */
final class BenchResults {

    /** One heap reading after a full GC, seconds after the last pending code was sent. */
    record HeapReading(double secondsAfterLastSend, long usedBytes) {
    }

    /** One class's live objects: growth from the baseline to the peak, and what was left after expiry. */
    record ClassGrowth(String className, long instancesAtPeak, long bytesAtPeak, long instancesAfter, long bytesAfter) {
    }

    // the run
    String started;
    String command;
    String serverMode;
    String serverJvmFlags;
    String keycloakVersion;
    String javaVersion;
    String cpuModel;
    int cores;
    long ramMb;
    String loadAtStart;
    String loadAtEnd;
    String waitedForQuiet;
    double minutes;
    String passwordHashing;

    /** A profiled phase of one login kind: its flame graph (relative to the report) and what the phase measured. */
    record Profile(String kind, String flameGraph, PhaseResult phase) {
    }

    // scenario 1
    int loginUsersPerRealm;
    int totpUsers;
    PhaseResult passwordLogin;
    PhaseResult otpLogin;
    /** Keycloak's own OTP form (password + TOTP): the anchor. */
    PhaseResult totpLogin;
    PhaseResult smsLogin;
    /** TOTP logins that waited for a new 30 s step (a person's code of this step was used already). */
    int totpWaits;
    final List<Profile> profiles = new ArrayList<>();

    // scenario 2
    PhaseResult sendAndVerify;
    PhaseResult builtInVerifyEmail;
    PhaseResult sendAndVerifyNoEvents;
    PhaseResult sendAndVerifyEventsAround;
    PhaseResult eventsOnBefore;
    PhaseResult eventsOnAfter;
    PhaseResult sendAndVerifyAudited;
    PhaseResult builtInAudited;
    final List<PhaseResult> warmUpCurve = new ArrayList<>();
    Latencies smtpFloor;

    // scenario 3
    PhaseResult issueReturned;
    PhaseResult verifyOnly;
    PhaseResult getUser;
    CodeCheckLoop.Result codeCheck;

    // scenario 4
    int usersImported;
    double importSeconds;
    PhaseResult issuePending;
    PhaseResult killCodes;
    PhaseResult issueGuest;
    int pendingCodes;
    int killedCodes;
    int guestCodes;
    long heapBaseline;
    /** With the pending codes held. */
    long heapPeak;
    /** With the pending codes and the killed ones held. */
    long heapWithKilled;
    /** With the pending, killed and guest codes held. */
    long heapWithGuests;
    long heapAfterExpiry;
    /** Live entries of Keycloak's single-use-object store at the same readings (instances of its value class). */
    long storeEntriesBaseline;
    long storeEntriesPending;
    long storeEntriesKilled;
    long storeEntriesHeld;
    long storeEntriesAfter;
    double expiryWaitSeconds;
    /** The caps' own entries: sends with the default caps on, read once their codes expired (the cap entries live on). */
    int capUserSends;
    int capGuestSends;
    PhaseResult capSends;
    long heapBeforeCaps;
    long storeEntriesBeforeCaps;
    long heapWithCapsOnly;
    long storeEntriesCapsOnly;
    final List<HeapReading> heapReadings = new ArrayList<>();
    String ttlNote;

    int capSendsTotal() {
        return capUserSends + capGuestSends;
    }

    double heapPerCapSend() {
        return (heapWithCapsOnly - heapBeforeCaps) / (double) Math.max(1, capSendsTotal());
    }

    double entriesPerCapSend() {
        return (storeEntriesCapsOnly - storeEntriesBeforeCaps) / (double) Math.max(1, capSendsTotal());
    }
    final List<ClassGrowth> classGrowth = new ArrayList<>();

    // scenario 5: clients -> result, per realm size
    int smallRealmUsers;
    int largeRealmUsers;
    final Map<Integer, PhaseResult> scalingSmall = new LinkedHashMap<>();
    final Map<Integer, PhaseResult> scalingLarge = new LinkedHashMap<>();

    // scenario 7: send + verify on one node, then on a two-node cluster
    int clusterUsers;
    PhaseResult singleNodePairs;
    PhaseResult clusterSameNode;
    PhaseResult clusterCrossNode;

    // scenario 6: blind pages, a known and an unknown account
    int blindUsers;
    int gatewayDelayMillis;
    BlindComparison blindPhone;
    /** The phone page again with the gateway answering at once: the control for what the slow gateway adds. */
    BlindComparison blindPhoneFastGateway;
    BlindComparison blindReset;
    /** SMS the slow gateway answered 202, and requests it refused for a wrong token, over the whole scenario. */
    int gatewayAccepted;
    int gatewayRefused;
    /** Known-number operations of the scenario (warm-up included): each should have handed one SMS to the gateway. */
    int knownPhoneOps;
    /** Mails GreenMail received during the scenario, and known-username reset operations (warm-up included). */
    long resetMails;
    int knownResetOps;

    /** Keycloak CPU per login that {@code login}'s second step adds over the password-only login, in ms. */
    double addedCpu(PhaseResult login) {
        return login.serverCpuMillisPerOp() - passwordLogin.serverCpuMillisPerOp();
    }

    double otpCpuOverheadPercent() {
        return (otpLogin.serverCpuMillisPerOp() / passwordLogin.serverCpuMillisPerOp() - 1) * 100;
    }

    double heapPerPendingCode() {
        return (heapPeak - heapBaseline) / (double) pendingCodes;
    }

    double heapPerKilledCode() {
        return (heapWithKilled - heapPeak) / (double) killedCodes;
    }

    double heapPerGuestCode() {
        return (heapWithGuests - heapWithKilled) / (double) guestCodes;
    }

    /** Whether the store is back to the entries it had before the codes: at most 1 % of what they added (or 50) left. */
    boolean storeBackToBaseline() {
        return storeEntriesAfter - storeEntriesBaseline <= Math.max(50, (storeEntriesHeld - storeEntriesBaseline) / 100);
    }

    /** What the expiry gave back, per code: the codes' own share of the growth. */
    double heapFreedPerCode() {
        return (heapPeak - heapAfterExpiry) / (double) pendingCodes;
    }
}
