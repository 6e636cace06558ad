package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.MemorySingleUseObjects;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Parallel posts of one login page each see their own copy of the authentication session; the
 * attempts and the single use are refereed in the shared single-use-object store.
 */
class AuthSessionCodeStoreTest {

    private final MemorySingleUseObjects objects = new MemorySingleUseObjects();
    private final long now = Time.currentTime();
    private final PendingCode pending = new PendingCode("kid", "salt", "hash", now, now + 300, 5);

    @Test
    void parallelGuessesOnOneLoginAreJudgedAtMostAsOftenAsTheCodeAllows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // each request reads the note as it was when the page was shown: 5 attempts left
                AuthSessionCodeStore copy = new AuthSessionCodeStore(session(pending), objects, "email", "login");
                claims.add(pool.submit((Callable<Integer>) () -> copy.claimAttempt(pending)));
            }
            int judged = 0;
            for (Future<Integer> claim : claims) {
                judged += claim.get() >= 0 ? 1 : 0;
            }
            assertEquals(5, judged);
            assertEquals(0, new AuthSessionCodeStore(session(pending), objects, "email", "login").attemptsLeft(pending));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRightCodeCountsForOneRequestOnly() {
        AuthSessionCodeStore first = new AuthSessionCodeStore(session(pending), objects, "email", "login");
        AuthSessionCodeStore second = new AuthSessionCodeStore(session(pending), objects, "email", "login");

        assertTrue(first.consume(pending));
        assertFalse(second.consume(pending));
    }

    private static AuthenticationSessionModel session(PendingCode pending) {
        Map<String, String> notes = new ConcurrentHashMap<>(Map.of("otp-verification.email.login", pending.serialize()));
        RootAuthenticationSessionModel root = (RootAuthenticationSessionModel) Proxy.newProxyInstance(
                RootAuthenticationSessionModel.class.getClassLoader(), new Class<?>[] {RootAuthenticationSessionModel.class},
                (proxy, method, args) -> method.getName().equals("getId") ? "root-1" : null);
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParentSession" -> root;
                    case "getTabId" -> "tab-1";
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                    case "removeAuthNote" -> notes.remove((String) args[0]);
                    default -> null;
                });
    }
}
