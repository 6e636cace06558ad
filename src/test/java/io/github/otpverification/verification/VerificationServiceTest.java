package io.github.otpverification.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.channel.OutgoingMessage;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.CodeHasher;
import io.github.otpverification.code.CodeKeys;
import io.github.otpverification.code.PendingCode;
import io.github.otpverification.code.PendingCodeStore;
import io.github.otpverification.code.SendLimiter;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingField;
import io.github.otpverification.testsupport.MapUser;
import io.github.otpverification.testsupport.MemorySingleUseObjects;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.tracing.TracingProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The rules of a code's life, once for every entry point: the service against an in-memory
 * channel, code store, cap store and clock. Integration tests show the same through each entry point.
 */
class VerificationServiceTest {

    private static final long START = 1_700_000_000L;

    private final OutboxChannel outbox = new OutboxChannel();
    private final MemorySingleUseObjects objects = new MemorySingleUseObjects();
    private final List<Event> events = new ArrayList<>();
    private final RealmModel realm = realm();
    private final KeycloakSession session = session(events);
    private final long[] now = {START};
    private Lockout.State lockState = Lockout.State.NONE;
    private int wrongCodesCounted;
    private RealmOtpSettings settings = RealmOtpSettings.DEFAULTS;
    private final UserModel user = MapUser.create("u1", "u1@example.com", true);

    @Test
    void aSentCodeVerifiesOnceAndProvesTheDestination() {
        Verification v = verification(user, "o-1", true);

        assertEquals(SendOutcome.Kind.SENT, service().send(v).kind());
        assertEquals(CheckOutcome.Kind.VERIFIED, service().verify(v, outbox.sent.get(0)).kind());

        assertEquals("o-1", outbox.verifiedContactOf(user));
        assertEquals(CheckOutcome.Kind.NO_PENDING_CODE, service().verify(v, outbox.sent.get(0)).kind(), "single use");
        assertEquals(List.of("send-code", "verify-code"), events.stream().map(e -> e.getDetails().get("operation")).toList());
        for (Event event : events) {
            assertEquals("o***", event.getDetails().get("destination"));
            assertEquals("outbox", event.getDetails().get("channel"));
            assertFalse(event.getDetails().toString().contains(outbox.sent.get(0)), "an event never carries the code");
        }
    }

    @Test
    void openingTheCodePageAgainSendsNothing() {
        Verification v = verification(user, "o-1", false);

        assertEquals(SendOutcome.Kind.SENT, service().open(v).kind());
        assertEquals(SendOutcome.Kind.PENDING, service().open(v).kind());
        assertEquals(1, outbox.sent.size());
    }

    @Test
    void aResendWithinTheCooldownSendsNothingAndKeepsTheCode() {
        Verification v = verification(user, "o-1", false);
        service().send(v);
        now[0] += 10;

        SendOutcome again = service().send(v);

        assertEquals(SendOutcome.Kind.COOLDOWN, again.kind());
        assertEquals(20, again.waitSeconds());
        assertEquals(CheckOutcome.Kind.VERIFIED, service().verify(v, outbox.sent.get(0)).kind());
    }

    @Test
    void wrongCodesCountDownThenTheCodeIsDeadAndCountForTheUser() {
        Verification v = verification(user, "o-1", false);
        service().send(v);
        String right = outbox.sent.get(0);
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 1; left--) {
            CheckOutcome check = service().verify(v, wrong);
            assertEquals(CheckOutcome.Kind.WRONG, check.kind());
            assertEquals(left, check.attemptsLeft());
        }
        assertEquals(CheckOutcome.Kind.ATTEMPTS_EXHAUSTED, service().verify(v, wrong).kind());
        assertEquals(CheckOutcome.Kind.NO_PENDING_CODE, service().verify(v, right).kind());
        assertEquals(5, wrongCodesCounted, "outside a login flow the service counts wrong codes for the user");
        assertEquals(5, events.stream().filter(e -> "invalid_code".equals(e.getError())).count());
    }

    @Test
    void aCodeOfTheWrongLengthCostsNoAttempt() {
        Verification v = verification(user, "o-1", false);
        service().send(v);

        CheckOutcome check = service().verify(v, "123");

        assertEquals(CheckOutcome.Kind.WRONG_LENGTH, check.kind());
        assertEquals(5, check.attemptsLeft());
        assertEquals(6, check.value());
        assertEquals(0, wrongCodesCounted);
    }

    @Test
    void anExpiredCodeSaysSo() {
        Verification v = verification(user, "o-1", false);
        service().send(v);
        now[0] += 301;

        assertEquals(CheckOutcome.Kind.EXPIRED, service().verify(v, outbox.sent.get(0)).kind());
    }

    @Test
    void theHourlyCapPerDestinationRefusesTheNextSend() {
        settings = settings.with(Map.of(SettingField.MAX_SENDS_PER_DESTINATION_PER_HOUR, 1, SettingField.RESEND_COOLDOWN_SECONDS, 0));
        service().send(verification(user, "o-1", false));

        SendOutcome refused = service().send(verification(MapUser.create("u2", null, true), "o-1", false));

        assertEquals(SendOutcome.Kind.LIMITED, refused.kind());
        assertTrue(refused.waitSeconds() > 0);
        assertEquals(1, outbox.sent.size());
        assertEquals("too_many_requests", events.get(events.size() - 1).getError());
    }

    @Test
    void onABlindPageTheAccountsOwnCapHoldsSilentlyAndTheShownCapCountsWhatWasTyped() {
        settings = settings.with(Map.of(SettingField.MAX_SENDS_PER_USER_PER_HOUR, 2, SettingField.RESEND_COOLDOWN_SECONDS, 0));
        for (String typed : List.of("u1", "u1", "u1@example.com")) {
            Verification v = builder(user, "o-1", memoryStore()).blind(typed, typed).build();
            assertEquals(SendOutcome.Kind.SENT, service().send(v).kind(), typed + ": the page says sent");
            requestEnds();
        }
        assertEquals(2, outbox.sent.size(), "the account's cap held: the third code, typed by its address, went nowhere");
        assertEquals(1, outbox.rehearsed, "and was rehearsed like a decoy's");
        assertEquals("too_many_requests", events.get(events.size() - 1).getError(), "the refusal is recorded for the admin");

        SendOutcome third = service().send(builder(user, "o-1", memoryStore()).blind("U1", "U1").build());
        assertEquals(SendOutcome.Kind.LIMITED, third.kind(), "what was typed twice is capped, as it is for an unknown name");
    }

    @Test
    void aFailedDeliveryLeavesNothingPending() {
        Verification v = verification(user, "o-1", false);
        outbox.failing = true;

        assertEquals(SendOutcome.Kind.FAILED, service().send(v).kind());
        assertFalse(service().hasPendingCode(v));
    }

    @Test
    void aLockedOutUserGetsNoCodeAndCannotCheckOne() {
        Verification v = verification(user, "o-1", false);
        service().send(v);
        lockState = Lockout.State.PERMANENT;

        assertEquals(SendOutcome.Kind.LOCKED_PERMANENTLY, service().send(v).kind());
        assertEquals(CheckOutcome.Kind.LOCKED_PERMANENTLY, service().verify(v, outbox.sent.get(0)).kind());
        assertEquals(1, outbox.sent.size());
    }

    @Test
    void aNumberWaitsForAVerifiedEmailWhereTheRealmSaysSo() {
        settings = settings.with(SettingField.REQUIRE_EMAIL_BEFORE_PHONE, true);
        UserModel unverified = MapUser.create("u3", "u3@example.com", false);

        assertEquals(SendOutcome.Kind.EMAIL_FIRST, service().send(verification(unverified, "o-1", true)).kind());
        assertTrue(outbox.sent.isEmpty());
    }

    @Test
    void aCodeDiesWhenTheDestinationChangedSinceItWasSent() {
        SingleUseObjectCodeStore store = new SingleUseObjectCodeStore(objects, "realm", "user:u1", "outbox", Purposes.VERIFY);
        service().send(builder(user, "o-1", store).build());

        Verification afterChange = builder(user, "o-2", store).build();

        assertEquals(CheckOutcome.Kind.NO_PENDING_CODE, service().verify(afterChange, outbox.sent.get(0)).kind());
        assertNull(store.load());
    }

    @Test
    void returnCodeHandsTheCodeBackAndDeliversNothing() {
        Verification v = Verification.forUser(outbox, user).destination("o-1").store(memoryStore()).policy(settings.codePolicy())
                .from(Origin.APP, this::event).returnCode(true).build();

        SendOutcome sent = service().send(v);

        assertEquals(6, sent.returnedCode().length());
        assertTrue(outbox.sent.isEmpty());
        assertEquals(CheckOutcome.Kind.VERIFIED, service().verify(v, sent.returnedCode()).kind());
    }

    @Test
    void aBlindSendHandsTheMessageOverAfterTheRequestAndHidesItsFailure() {
        Verification v = builder(user, "o-1", memoryStoreFor(user)).blind("o-1", null).build();
        outbox.failing = true;

        assertEquals(SendOutcome.Kind.SENT, service().send(v).kind(), "the page cannot wait for, nor tell of, the gateway");
        assertTrue(outbox.sent.isEmpty(), "nothing is sent within the request");
        requestEnds();
        assertEquals(1, lateFailures.size());
        outbox.failing = false;
        now[0] += 30;
        service().send(v);
        requestEnds();
        assertEquals(CheckOutcome.Kind.VERIFIED, service().verify(v, outbox.sent.get(0)).kind());
    }

    @Test
    void aDecoySendsNothingAndNoCodeVerifiesUntilItIsDead() {
        Verification decoy = Verification.forNobody(outbox, "o-9", MapUser.create("nobody", null, true)).store(memoryStore())
                .policy(settings.codePolicy()).from(Origin.LOGIN_STEP, () -> event().event(EventType.LOGIN)).build();

        assertEquals(SendOutcome.Kind.SENT, service().open(decoy).kind());
        assertEquals(0, outbox.rehearsed, "nothing more happens within the request");
        requestEnds();
        assertTrue(outbox.sent.isEmpty());
        assertEquals(1, outbox.prepared, "the message is rendered like a real one");
        assertEquals(1, outbox.rehearsed, "and after the request built for the wire like a real one, then dropped");
        assertEquals(SendOutcome.Kind.COOLDOWN, service().send(decoy).kind(), "resend keeps the same cooldown");
        for (int left = 4; left >= 1; left--) {
            assertEquals(left, service().verify(decoy, String.format("%06d", left)).attemptsLeft());
        }
        assertEquals(CheckOutcome.Kind.ATTEMPTS_EXHAUSTED, service().verify(decoy, "000000").kind());
        assertTrue(events.stream().noneMatch(e -> e.getError() == null && "send-code".equals(e.getDetails().get("operation"))),
                "no send is recorded as done");
    }

    @Test
    void aLockedUserOnABlindPageGetsADecoyAndEvenTheRightCodeIsWrong() {
        Verification v = builder(user, "o-1", memoryStoreFor(user)).blind("o-1", null).build();
        service().send(v);
        requestEnds();
        String right = outbox.sent.get(0);
        lockState = Lockout.State.TEMPORARY;

        CheckOutcome check = service().verify(v, right);

        assertEquals(CheckOutcome.Kind.WRONG, check.kind(), "a blind page never says 'locked'");
        assertEquals(4, check.attemptsLeft());
        now[0] += 30;
        assertEquals(SendOutcome.Kind.SENT, service().send(v).kind());
        requestEnds();
        assertEquals(1, outbox.sent.size(), "the locked user got no second code");
    }

    @Test
    void aConfirmedPasswordResetCodeIsRecordedInTheLoginFlowWhereASignInCodeIsLeftToKeycloak() {
        for (String purpose : List.of(Purposes.RESET_CREDENTIALS, Purposes.LOGIN)) {
            EventType flowEvent = purpose.equals(Purposes.LOGIN) ? EventType.LOGIN : EventType.RESET_PASSWORD;
            Verification v = Verification.forUser(outbox, user).purpose(purpose).destination("o-1")
                    .store(new SingleUseObjectCodeStore(objects, "realm", "user:u1", "outbox", purpose)).policy(settings.codePolicy())
                    .from(Origin.LOGIN_STEP, () -> event().event(flowEvent)).build();
            service().send(v);
            assertEquals(CheckOutcome.Kind.VERIFIED, service().verify(v, outbox.sent.get(outbox.sent.size() - 1)).kind());
        }

        List<String> confirmed = events.stream().filter(e -> "verify-code".equals(e.getDetails().get("operation")))
                .map(e -> e.getType() + " " + e.getDetails().get("purpose") + " " + e.getDetails().get("destination")).toList();
        assertEquals(List.of("RESET_PASSWORD reset-credentials o***"), confirmed,
                "Keycloak records nothing of a reset before the new password; a sign-in it records itself");
    }

    private Verification verification(UserModel who, String destination, boolean proves) {
        return builder(who, destination, memoryStoreFor(who)).proving(proves, false).build();
    }

    private Verification.Builder builder(UserModel who, String destination, PendingCodeStore store) {
        return Verification.forUser(outbox, who).destination(destination).store(store).policy(settings.codePolicy())
                .from(Origin.APP, this::event);
    }

    private final Map<String, PendingCodeStore> stores = new java.util.HashMap<>();

    private PendingCodeStore memoryStoreFor(UserModel who) {
        return stores.computeIfAbsent(who.getId(), id -> new SingleUseObjectCodeStore(objects, "realm", "user:" + id, "outbox",
                Purposes.VERIFY));
    }

    private PendingCodeStore memoryStore() {
        return new SingleUseObjectCodeStore(objects, "realm", "app", "outbox", Purposes.VERIFY);
    }

    private VerificationService service() {
        Lockout lockout = new Lockout(null, realm) {
            @Override
            public State of(UserModel who) {
                return lockState;
            }

            @Override
            public long secondsLeft(UserModel who) {
                return 60;
            }

            @Override
            public void recordWrongCode(UserModel who) {
                wrongCodesCounted++;
            }
        };
        CodeHasher hasher = new CodeHasher("kid", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        CodeKeys keys = new CodeKeys() {
            @Override
            public CodeHasher forIssuing() {
                return hasher;
            }

            @Override
            public CodeHasher forPending(PendingCode pending) {
                return hasher;
            }
        };
        return new VerificationService(session, realm, settings, new CodeEngine(), keys, new SendLimiter(objects, "realm"), lockout,
                () -> now[0], () -> "127.0.0.1", courier);
    }

    /** Sends now at once; sends after the request wait in {@link #afterRequest} until the test lets them go. */
    private final List<Runnable> afterRequest = new ArrayList<>();
    private final List<DeliveryException> lateFailures = new ArrayList<>();
    private final Courier courier = new Courier() {
        @Override
        public void sendNow(OutgoingMessage message) throws DeliveryException {
            message.send(session, realm);
        }

        @Override
        public void sendAfterRequest(OutgoingMessage message, LateFailure onFailure) {
            afterRequest.add(() -> {
                try {
                    message.send(session, realm);
                } catch (DeliveryException e) {
                    lateFailures.add(e);
                }
            });
        }

        @Override
        public void rehearseAfterRequest(OutgoingMessage message) {
            afterRequest.add(() -> message.rehearse(session, realm));
        }
    };

    private void requestEnds() {
        afterRequest.forEach(Runnable::run);
        afterRequest.clear();
    }

    /** Events go nowhere here (the realm records none); the integration tests check them. */
    private EventBuilder event() {
        return new EventBuilder(realm, session);
    }

    private static RealmModel realm() {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId", "getName" -> "realm";
                    case "isEventsEnabled" -> true;
                    case "isAdminEventsEnabled" -> false;
                    case "getEventsListenersStream", "getEnabledEventTypesStream" -> Stream.empty();
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static KeycloakSession session(List<Event> recorded) {
        EventStoreProvider store = (EventStoreProvider) Proxy.newProxyInstance(EventStoreProvider.class.getClassLoader(),
                new Class<?>[] {EventStoreProvider.class}, (proxy, method, args) -> {
                    if (method.getName().equals("onEvent") && args.length == 1 && args[0] instanceof Event event) {
                        recorded.add(event);
                    }
                    return null;
                });
        TracingProvider tracing = (TracingProvider) Proxy.newProxyInstance(TracingProvider.class.getClassLoader(),
                new Class<?>[] {TracingProvider.class}, (proxy, method, args) -> method.getName().equals("getCurrentSpan")
                        ? Span.getInvalid() : null);
        KeycloakSession[] self = new KeycloakSession[1];
        KeycloakTransactionManager transactions = (KeycloakTransactionManager) Proxy.newProxyInstance(
                KeycloakTransactionManager.class.getClassLoader(), new Class<?>[] {KeycloakTransactionManager.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(KeycloakSessionFactory.class.getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProviderFactoriesStream" -> Stream.empty();
                    case "create" -> self[0]; // error events are written in a transaction of their own
                    case "hashCode" -> 3;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        self[0] = (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(), new Class<?>[] {KeycloakSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getKeycloakSessionFactory" -> factory;
                    case "getTransactionManager" -> transactions;
                    case "getProvider" -> args[0] == EventStoreProvider.class ? store : args[0] == TracingProvider.class ? tracing : null;
                    case "hashCode" -> 2;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        return self[0];
    }
}
