package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.MailCatcher;
import io.github.otpverification.testsupport.Reply;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Virtual users of the REST scenarios. Each calls as the realm's app (service-account token) and
 * works on its own people, so no two calls ever race for one person.
 */
final class RestClients {

    static final String SEND = "send-code";
    static final String VERIFY = "verify-code";
    static final String BUILT_IN = "send-verify-email";
    static final String SEND_RETURNED = "send-code (returnCode)";
    static final String WRONG_CODE = "verify-code (wrong code)";
    static final String GUEST_SEND = "guest send-code (returnCode)";
    static final String GET_USER = "GET user";

    private static final String LOGIN_CODE = "{\"channel\": \"email\", \"purpose\": \"login\"}";
    private static final String LOGIN_CODE_RETURNED = "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}";
    /** Wrong codes until the code is dead: far more than any {@code maxAttempts} the settings allow. */
    private static final int MOST_WRONG_CODES = 100;

    private final String baseUrl;
    private final String realm;
    private final AppToken token;
    private final MailCatcher mail;

    RestClients(String baseUrl, String realm, AppToken token, MailCatcher mail) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.token = token;
        this.mail = mail;
    }

    /** The people of virtual user {@code index} of {@code clients}: an equal slice, starting anywhere in it. */
    static <T> People<T> slice(List<T> everyone, int index, int clients) {
        int size = everyone.size() / clients;
        List<T> mine = everyone.subList(index * size, (index + 1) * size);
        return new People<>(mine, ThreadLocalRandom.current().nextInt(mine.size()));
    }

    /** One virtual user's people, in turn. */
    static final class People<T> {
        private final List<T> list;
        private int next;

        People(List<T> list, int start) {
            this.list = list;
            this.next = start;
        }

        T next() {
            return list.get(next++ % list.size());
        }
    }

    /** Scenario 2 and 5: {@code send-code} by mail, the code read from GreenMail, {@code verify-code}. */
    LoadPhase.Client sendAndVerify(People<AdminApi.BenchUser> people) {
        return sendAndVerifyOn(people, this);
    }

    /**
     * Scenario 7: {@code send-code} through this node, the code read from GreenMail, {@code verify-code}
     * through {@code verifier}'s node (another node of the cluster, or this one).
     */
    LoadPhase.Client sendAndVerifyOn(People<AdminApi.BenchUser> people, RestClients verifier) {
        Http http = new Http();
        return timings -> {
            AdminApi.BenchUser person = people.next();
            mail.discard(person.email());
            timings.time(SEND, () -> http.postJson(userUrl(person, "/send-code"), token.get(), LOGIN_CODE)
                    .expect(200, SEND));
            verifier.verify(http, timings, person, mail.awaitCode(person.email()));
        };
    }

    /** Scenario 2: Keycloak's own {@code PUT /admin/realms/{realm}/users/{id}/send-verify-email}. */
    LoadPhase.Client builtInVerifyEmail(People<AdminApi.BenchUser> people) {
        Http http = new Http();
        return timings -> {
            AdminApi.BenchUser person = people.next();
            mail.discard(person.email());
            timings.time(BUILT_IN, () -> http.putJson(baseUrl + "/admin/realms/" + realm + "/users/" + person.id()
                    + "/send-verify-email", token.get(), "").expect(204, BUILT_IN));
            mail.awaitMail(person.email());
        };
    }

    /** Keycloak's {@code GET /admin/realms/{realm}/users/{id}}: the floor of an authenticated call that loads a user. */
    LoadPhase.Client getUser(People<AdminApi.BenchUser> people) {
        Http http = new Http();
        return timings -> {
            AdminApi.BenchUser person = people.next();
            timings.time(GET_USER, () -> http.get(baseUrl + "/admin/realms/" + realm + "/users/" + person.id(), token.get())
                    .expect(200, GET_USER));
        };
    }

    /** A code issued with {@code returnCode: true}, waiting to be verified. */
    record Issued(AdminApi.BenchUser person, String code) {
    }

    /** Scenario 3 and 4: issues codes with {@code returnCode: true} (no mail) to the next person of all. */
    LoadPhase.Client issueReturned(List<AdminApi.BenchUser> everyone, AtomicInteger cursor, Queue<Issued> issued) {
        Http http = new Http();
        return timings -> {
            AdminApi.BenchUser person = everyone.get(cursor.getAndIncrement() % everyone.size());
            JsonNode answer = timings.time(SEND_RETURNED, () -> http.postJson(userUrl(person, "/send-code"), token.get(),
                    LOGIN_CODE_RETURNED).expect(200, SEND_RETURNED)).json();
            if (issued != null) {
                issued.add(new Issued(person, answer.get("code").asText()));
            }
        };
    }

    /**
     * Scenario 4: a code sent with {@code returnCode: true} to the next person of all, for
     * {@code purpose}, then wrong codes ({@code 400 invalid_code}) until the code is dead
     * ({@code 429 max_attempts_reached}).
     */
    LoadPhase.Client killReturned(List<AdminApi.BenchUser> everyone, AtomicInteger cursor, String purpose) {
        Http http = new Http();
        String request = "{\"channel\": \"email\", \"purpose\": \"" + purpose + "\"";
        return timings -> {
            AdminApi.BenchUser person = everyone.get(cursor.getAndIncrement() % everyone.size());
            String code = timings.time(SEND_RETURNED, () -> http.postJson(userUrl(person, "/send-code"), token.get(),
                    request + ", \"returnCode\": true}").expect(200, SEND_RETURNED)).json().get("code").asText();
            String wrong = request + ", \"code\": \"" + wrong(code) + "\"}";
            for (int guess = 1; guess <= MOST_WRONG_CODES; guess++) {
                Reply answer = timings.time(WRONG_CODE, () -> http.postJson(userUrl(person, "/verify-code"), token.get(), wrong));
                if (answer.status() == 429 && "max_attempts_reached".equals(answer.error())) {
                    return;
                }
                answer.expect(400, WRONG_CODE);
            }
            throw new IllegalStateException("the code still took guesses after " + MOST_WRONG_CODES + " wrong codes");
        };
    }

    /** Scenario 4: guest codes ({@code POST /email/send-code}, {@code returnCode: true}), each to a new address. */
    LoadPhase.Client issueGuest(AtomicInteger cursor) {
        Http http = new Http();
        return timings -> {
            String address = "guest-" + cursor.getAndIncrement() + "@bench.test";
            timings.time(GUEST_SEND, () -> http.postJson(baseUrl + "/realms/" + realm + "/verification/email/send-code",
                    token.get(), "{\"email\": \"" + address + "\", \"returnCode\": true}").expect(200, GUEST_SEND));
        };
    }

    /** Another code of the same length: the last character changed. */
    private static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** Scenario 3: verifies codes issued before, each once. */
    LoadPhase.Client verifyIssued(ConcurrentLinkedQueue<Issued> issued) {
        Http http = new Http();
        return timings -> {
            Issued next = issued.poll();
            if (next == null) {
                throw new IllegalStateException("no issued code left to verify");
            }
            verify(http, timings, next.person(), next.code());
        };
    }

    private void verify(Http http, Timings timings, AdminApi.BenchUser person, String code) throws Exception {
        JsonNode answer = timings.time(VERIFY, () -> http.postJson(userUrl(person, "/verify-code"), token.get(),
                "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + code + "\"}").expect(200, VERIFY)).json();
        if (!"approved".equals(answer.path("status").asText())) {
            throw new IllegalStateException("verify-code answered " + answer);
        }
    }

    private String userUrl(AdminApi.BenchUser person, String path) {
        return baseUrl + "/realms/" + realm + "/verification/users/" + person.id() + path;
    }
}
