package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.testsupport.Parallel;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Send caps, the resend cooldown, the brute-force detector and single use under parallel calls. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class VerificationApiLimitsTest {

    private static final String NO_LIMITS = "\"maxSendsPerUserPerHour\": 0, \"maxSendsPerDestinationPerHour\": 0, "
            + "\"maxSendsPerIpPerHour\": 0, \"maxSmsPerRealmPerHour\": 0, \"resendCooldownSeconds\": 0";

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    VerificationApi api;
    ApiUsers users;
    String app;

    @BeforeEach
    void freshStart() {
        new FakeSmsGateways(httpServer);
        mail.runCleanup();
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        app = api.clientToken("app-backend", "backend-secret");
    }

    @Test
    void resendWithinTheCooldownIsTooManyRequestsWithRetryAfter() {
        settings("{" + NO_LIMITS.replace("\"resendCooldownSeconds\": 0", "\"resendCooldownSeconds\": 60") + "}");
        UserRepresentation user = users.create();

        assertEquals(200, sendEmail(user).status());
        Reply again = sendEmail(user);

        assertTooManyRequests(again, 60);
    }

    @Test
    void perUserCapRefusesTheNextSend() {
        settings("{" + NO_LIMITS.replace("\"maxSendsPerUserPerHour\": 0", "\"maxSendsPerUserPerHour\": 2") + "}");
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345601", false));

        assertEquals(200, sendEmail(user).status());
        assertEquals(200, api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\"}").status());
        Reply third = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\", \"purpose\": \"login\"}");

        assertTooManyRequests(third, 3600);
    }

    @Test
    void perNumberCapHoldsAcrossUsers() {
        settings("{" + NO_LIMITS.replace("\"maxSendsPerDestinationPerHour\": 0", "\"maxSendsPerDestinationPerHour\": 1") + "}");
        UserRepresentation first = users.create(ApiUsers.phone("+4915112345602", false));
        UserRepresentation second = users.create(ApiUsers.phone("+4915112345602", false));

        assertEquals(200, api.post("/users/" + first.getId() + "/send-code", app, "{\"channel\": \"sms\"}").status());
        Reply refused = api.post("/users/" + second.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertTooManyRequests(refused, 3600);
    }

    @Test
    void perIpCapLimitsSelfServiceSends() {
        settings("{" + NO_LIMITS.replace("\"maxSendsPerIpPerHour\": 0", "\"maxSendsPerIpPerHour\": 1") + "}");
        UserRepresentation first = users.create();
        UserRepresentation second = users.create();

        Reply allowed = api.post("/me/send-code", api.userToken(first.getUsername(), ApiUsers.PASSWORD), "{\"channel\": \"email\"}");
        Reply refused = api.post("/me/send-code", api.userToken(second.getUsername(), ApiUsers.PASSWORD), "{\"channel\": \"email\"}");

        assertEquals(200, allowed.status(), allowed.toString());
        assertTooManyRequests(refused, 3600);
    }

    @Test
    void realmSmsBudgetStopsSmsButNotEmail() {
        settings("{" + NO_LIMITS.replace("\"maxSmsPerRealmPerHour\": 0", "\"maxSmsPerRealmPerHour\": 1") + "}");
        UserRepresentation first = users.create(ApiUsers.phone("+4915112345603", false));
        UserRepresentation second = users.create(ApiUsers.phone("+4915112345604", false));

        assertEquals(200, api.post("/users/" + first.getId() + "/send-code", app, "{\"channel\": \"sms\"}").status());
        Reply refused = api.post("/users/" + second.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertTooManyRequests(refused, 3600);
        assertEquals(200, sendEmail(second).status());
    }

    @Test
    void wrongCodesCountInKeycloaksBruteForceDetector() {
        UserRepresentation user = users.create();
        String code = sendEmailReturningCode(user);

        api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + wrong(code) + "\"}");

        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(user.getId());
        assertEquals(1, ((Number) status.get("numFailures")).intValue(), status.toString());
    }

    @Test
    void lockedOutUserGetsNoCodeAndCannotVerify() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setFailureFactor(2);
        realm.admin().update(rep);
        realm.cleanup().add(r -> {
            RealmRepresentation restore = r.toRepresentation();
            restore.setFailureFactor(30);
            r.update(restore);
            r.attackDetection().clearAllBruteForce();
        });
        UserRepresentation user = users.create();
        String code = sendEmailReturningCode(user);
        String body = "{\"channel\": \"email\", \"code\": \"" + wrong(code) + "\"}";
        api.post("/users/" + user.getId() + "/verify-code", app, body);
        api.post("/users/" + user.getId() + "/verify-code", app, body);

        Reply verify = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");
        Reply send = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\", \"purpose\": \"login\"}");

        assertTooManyRequests(verify, 900);
        assertTooManyRequests(send, 900);
    }

    @Test
    void parallelConfirmationsSeeOneAttemptAtATimeUnderBruteForceProtection() throws Exception {
        UserRepresentation user = users.create();
        String code = sendEmailReturningCode(user);
        String body = "{\"channel\": \"email\", \"code\": \"" + code + "\"}";

        List<Integer> statuses = Parallel.atOnce(24, () -> api.post("/users/" + user.getId() + "/verify-code", app, body).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 404 || s == 429), statuses.toString());
    }

    /** Without Keycloak's detector in the way, the code store alone must make the code single-use. */
    @Test
    void parallelConfirmationsOfTheRightCodeSucceedExactlyOnce() throws Exception {
        bruteForceOff();
        UserRepresentation user = users.create();
        String code = sendEmailReturningCode(user);
        String body = "{\"channel\": \"email\", \"code\": \"" + code + "\"}";

        List<Integer> statuses = Parallel.atOnce(24, () -> api.post("/users/" + user.getId() + "/verify-code", app, body).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(23, statuses.stream().filter(s -> s == 404).count(), statuses.toString());
    }

    @Test
    void parallelGuessesCannotTryMoreCodesThanTheAttemptLimit() throws Exception {
        bruteForceOff();
        UserRepresentation user = users.create();
        String code = sendEmailReturningCode(user);
        String body = "{\"channel\": \"email\", \"code\": \"" + wrong(code) + "\"}";

        List<Integer> statuses = Parallel.atOnce(24, () -> api.post("/users/" + user.getId() + "/verify-code", app, body).status());
        Reply right = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");

        assertEquals(5, statuses.stream().filter(s -> s == 400 || s == 429).count(), "only 5 attempts may be judged: " + statuses);
        assertEquals(404, right.status(), "the code is dead after its attempts: " + right);
    }

    private void bruteForceOff() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setBruteForceProtected(false);
        realm.admin().update(rep);
        realm.cleanup().add(r -> {
            RealmRepresentation restore = r.toRepresentation();
            restore.setBruteForceProtected(true);
            r.update(restore);
        });
    }

    private Reply sendEmail(UserRepresentation user) {
        return api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\"}");
    }

    private String sendEmailReturningCode(UserRepresentation user) {
        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\", \"returnCode\": true}");
        assertEquals(200, sent.status(), sent.toString());
        return sent.text("code");
    }

    private void settings(String json) {
        RealmAttributes.setWithCleanup(realm, RealmOtpSettings.REALM_ATTRIBUTE, json);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static void assertTooManyRequests(Reply reply, long maxSeconds) {
        assertEquals(429, reply.status(), reply.toString());
        assertEquals("too_many_requests", reply.error());
        long header = Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(header >= 1 && header <= maxSeconds, "Retry-After " + header);
        assertEquals(header, reply.body().get("retryAfter").asLong());
    }
}
