package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.MailCatcher;
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
    static final String GET_USER = "GET user";

    private static final String LOGIN_CODE = "{\"channel\": \"email\", \"purpose\": \"login\"}";
    private static final String LOGIN_CODE_RETURNED = "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}";

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
        Http http = new Http();
        return timings -> {
            AdminApi.BenchUser person = people.next();
            mail.discard(person.email());
            timings.time(SEND, () -> http.postJson(userUrl(person, "/send-code"), token.get(), LOGIN_CODE)
                    .expect(200, SEND));
            String code = mail.awaitCode(person.email());
            verify(http, timings, person, code);
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
