package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.LocalPorts;
import io.github.otpverification.testsupport.MailCatcher;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.Parallel;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import io.github.otpverification.testsupport.cluster.ClusterNode;
import io.github.otpverification.testsupport.cluster.KeycloakCluster;
import io.github.otpverification.testsupport.cluster.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The REST API's code store and the login step's attempts in a real two-node Keycloak 26.7.5
 * cluster: both nodes from the distribution with the packaged jar, production mode, embedded
 * Infinispan over the default {@code jdbc-ping} stack, one PostgreSQL. Codes, attempts and send
 * caps live in Keycloak's {@code actionTokens} cache (single-use objects), which Keycloak
 * distributes with two owners per entry: with two nodes, each holds every entry, so losing one
 * loses nothing. A login's code lives in its authentication session; its attempts are slots in
 * the same cache.
 *
 * <p>One cluster serves every test; the node kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String REALM = "otp-cluster";
    private static final int POSTGRES_PORT = 5433;
    private static final int SMTP_PORT = 2025;
    private static final ClusterNode.Ports NODE_A = new ClusterNode.Ports(8280, 9280, 7280);
    private static final ClusterNode.Ports NODE_B = new ClusterNode.Ports(8281, 9281, 7281);
    /** As set in the realm's {@code otpVerification.settings} (realms/otp-cluster-realm.json). */
    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_SENDS_PER_USER_PER_HOUR = 3;
    /** The browser flow's Email OTP step's own {@code maxAttempts} (its authenticator config in the realm file). */
    private static final int LOGIN_STEP_MAX_ATTEMPTS = 3;
    /** Both nodes answer for this public URL (Keycloak's {@code --hostname}): a browser's redirects point there. */
    private static final String PUBLIC_URL = "http://localhost:" + NODE_A.http();
    private static final String PASSWORD = "cluster-password";
    /** What the code page says under the code field (English), and a post Keycloak sent back to the current form. */
    private static final String WRONG_CODE = "Wrong code.";
    private static final String CODE_DEAD = "Too many wrong codes. This code no longer works: request a new one.";
    private static final String NO_VALID_CODE = "There is no valid code. Request a new one.";
    private static final String NOT_CURRENT = "redirect: form no longer current";
    private static final String PAGE_WITHOUT_FORM = "page without a form: HTTP ";
    private static final Pattern CODE_ERROR = Pattern.compile("id=\"input-error-code\">\\s*<span[^>]*>([^<]*)</span>");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ThrowawayPostgres postgres;
    private static MailCatcher mail;
    private static KeycloakCluster cluster;
    private static VerificationApi nodeA;
    private static VerificationApi nodeB;
    private static String app;

    @BeforeAll
    static void startTwoNodeCluster() throws Exception {
        LocalPorts.requireFree(SMTP_PORT);
        postgres = ThrowawayPostgres.start(POSTGRES_PORT, "keycloak");
        mail = new MailCatcher(SMTP_PORT);
        cluster = KeycloakCluster.start(new KeycloakCluster.Setup(
                Path.of(System.getProperty("keycloak.dist.dir")), Path.of(System.getProperty("extension.jar")),
                Path.of("src/test/resources/realms/otp-cluster-realm.json"), REALM,
                Path.of("target/cluster"), postgres, PUBLIC_URL, NODE_A, NODE_B));
        nodeA = new VerificationApi(cluster.nodeA().baseUrl() + "/realms/" + REALM);
        nodeB = new VerificationApi(cluster.nodeB().baseUrl() + "/realms/" + REALM);
        app = nodeA.clientToken("cluster-app", "cluster-app-secret");
    }

    @AfterAll
    static void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void codeMailedByNodeAIsConfirmedOnNodeB() throws Exception {
        String name = newName();
        String user = createUser(cluster.nodeA(), name, null);

        Reply sent = nodeA.post(codes(user, "send-code"), app, "{\"channel\": \"email\"}");
        assertEquals(200, sent.status(), sent.toString());
        // node A mails the code through the realm's SMTP server
        String code = Mails.codeIn(mail.awaitMail(name + "@example.com", Duration.ofSeconds(30)));

        assertEquals(1, nodeB.get("/users/" + user, app).body().get("pending").size(), "node B sees the pending code");
        Reply verified = nodeB.post(codes(user, "verify-code"), app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");
        assertEquals(200, verified.status(), verified.toString());
        assertEquals("approved", verified.text("status"));

        JsonNode seenFromA = nodeA.get("/users/" + user, app).body();
        assertTrue(seenFromA.get("email").get("verified").asBoolean(), "node A sees the email verified: " + seenFromA);
        assertEquals(0, seenFromA.get("pending").size(), "the used code is gone on node A too: " + seenFromA);
    }

    @Test
    @Order(2)
    void rightCodeConfirmedInParallelOnBothNodesSucceedsExactlyOnce() throws Exception {
        String user = createUser(cluster.nodeA());
        String code = sendReturningCode(nodeA, user);
        String body = "{\"channel\": \"email\", \"code\": \"" + code + "\"}";

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> nodeA.post(codes(user, "verify-code"), app, body).status());
            calls.add(() -> nodeB.post(codes(user, "verify-code"), app, body).status());
        }
        List<Integer> statuses = Parallel.atOnce(calls);

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one confirmation: " + statuses);
        assertEquals(19, statuses.stream().filter(s -> s == 404).count(), "all others find no pending code: " + statuses);
    }

    @Test
    @Order(3)
    void wrongCodesOnBothNodesShareOneAttemptBudget() {
        String user = createUser(cluster.nodeA());
        String code = sendReturningCode(nodeB, user);
        String wrong = "{\"channel\": \"email\", \"code\": \"" + wrong(code) + "\"}";
        String right = "{\"channel\": \"email\", \"code\": \"" + code + "\"}";

        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            Reply reply = alternating(attempt).post(codes(user, "verify-code"), app, wrong);
            assertEquals(400, reply.status(), "wrong code " + attempt + ": " + reply);
            assertEquals(MAX_ATTEMPTS - attempt, reply.body().get("attemptsRemaining").asInt(), "attempt " + attempt + ": " + reply);
        }
        Reply last = alternating(MAX_ATTEMPTS).post(codes(user, "verify-code"), app, wrong);
        assertEquals(429, last.status(), last.toString());
        assertEquals("max_attempts_reached", last.error());

        for (VerificationApi node : List.of(nodeA, nodeB)) {
            Reply dead = node.post(codes(user, "verify-code"), app, right);
            assertEquals(404, dead.status(), "even the right code is refused after the last attempt: " + dead);
            assertEquals("no_pending_code", dead.error());
        }
    }

    @Test
    @Order(4)
    void hourlySendCapCountsSendsOnBothNodes() {
        String user = createUser(cluster.nodeA());

        for (int send = 1; send <= MAX_SENDS_PER_USER_PER_HOUR; send++) {
            Reply reply = alternating(send).post(codes(user, "send-code"), app, "{\"channel\": \"email\", \"returnCode\": true}");
            assertEquals(200, reply.status(), "send " + send + ": " + reply);
        }
        for (VerificationApi node : List.of(nodeA, nodeB)) {
            Reply refused = node.post(codes(user, "send-code"), app, "{\"channel\": \"email\", \"returnCode\": true}");
            assertEquals(429, refused.status(), refused.toString());
            assertEquals("too_many_requests", refused.error());
            assertTrue(refused.body().get("retryAfter").asLong() > 0, refused.toString());
            assertFalse(refused.body().has("code"), "no code is issued: " + refused);
        }
    }

    /**
     * One login's Email OTP page, guessed at by 20 clients with its cookies at once, 10 on each
     * node. Each posts a wrong code and, while the code still takes guesses, goes on with the page
     * it got back (after a redirect when Keycloak found its form no longer current). However the
     * posts race, the pages judge at most the step's {@code maxAttempts} guesses, each with its
     * own "attempts left", and the right code no longer works afterwards.
     */
    @Test
    @Order(5)
    void wrongCodesPostedInParallelOnBothNodesToOneLoginAreJudgedAtMostMaxAttemptsTimes() throws Exception {
        guessInParallelUntilTheCodeIsDead(List.of(cluster.nodeA().baseUrl(), cluster.nodeB().baseUrl()));
    }

    /** 20 clients with one login's cookies guess on the given nodes in turn; then the right code must fail. */
    private void guessInParallelUntilTheCodeIsDead(List<String> nodes) throws Exception {
        String name = newName();
        FormLogin browser = FormLogin.accountConsole(PUBLIC_URL + "/realms/" + REALM);
        Reply codePage = codePageOfANewUser(browser, name);
        String code = Mails.codeIn(mail.awaitMail(name + "@example.com", Duration.ofSeconds(30)));
        String wrong = wrong(code);

        List<Callable<List<String>>> guessers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String node = nodes.get(i % nodes.size());
            guessers.add(() -> guessUntilTheCodeIsDead(browser, node, codePage, wrong));
        }
        List<String> answers = Parallel.atOnce(guessers).stream().flatMap(List::stream).toList();

        List<String> judged = answers.stream().filter(a -> a.startsWith(WRONG_CODE) || a.equals(CODE_DEAD)).toList();
        assertTrue(judged.size() <= LOGIN_STEP_MAX_ATTEMPTS,
                judged.size() + " guesses judged, the step allows " + LOGIN_STEP_MAX_ATTEMPTS + ": " + judged);
        assertEquals(judged.size(), new HashSet<>(judged).size(), "each judged guess has its own attempts left: " + judged);
        Set<String> kinds = new HashSet<>(List.of(CODE_DEAD, NO_VALID_CODE, NOT_CURRENT));
        answers.stream().filter(a -> !a.startsWith(WRONG_CODE)).forEach(a -> assertTrue(kinds.contains(a), "unexpected answer: " + a));

        Reply again = browser.reload(nodes.get(nodes.size() - 1), codePage);
        Reply right = browser.submit(nodes.get(0), again, Map.of("code", code));
        assertFalse(browser.isSignedIn(right), "the right code must not sign in once the attempts are used up");
        assertEquals(NO_VALID_CODE, codeError(right), "the code is dead: " + right.raw());
    }

    /**
     * A browser trusted through node A ("Don't ask for a code on this device") passes the code step
     * on node B: the cookie is signed with the realm's keys, which every node has.
     */
    @Test
    @Order(6)
    void aDeviceTrustedThroughNodeAIsTrustedByNodeB() throws Exception {
        String name = newName();
        FormLogin browser = FormLogin.accountConsole(PUBLIC_URL + "/realms/" + REALM);
        Reply codePage = codePageOfANewUser(browser, name);
        assertTrue(codePage.raw().contains("name=\"trustDevice\""), "the code page offers to trust the browser: " + codePage.raw());
        String code = Mails.codeIn(mail.awaitMail(name + "@example.com", Duration.ofSeconds(30)));
        Reply trusted = browser.submit(cluster.nodeA().baseUrl(), codePage, Map.of("code", code, "trustDevice", "on"));
        assertTrue(browser.isSignedIn(trusted), "signed in through node A: " + trusted.status());
        browser.endKeycloakSession();

        Reply again = browser.submit(cluster.nodeB().baseUrl(), browser.open(), Map.of("username", name, "password", PASSWORD));

        assertTrue(browser.isSignedIn(again), "node B lets the browser node A trusted pass without a code: " + again.status());
    }

    /** Creates user {@code name} (with {@link #PASSWORD}) and signs in with the password on node A: the Email OTP page. */
    private static Reply codePageOfANewUser(FormLogin browser, String name) {
        createUser(cluster.nodeA(), name, PASSWORD);
        Reply codePage = browser.submit(browser.open(), Map.of("username", name, "password", PASSWORD));
        assertEquals(200, codePage.status(), codePage.raw());
        assertTrue(codePage.raw().contains("kc-otp-code-form"), "the Email OTP page: " + codePage.raw());
        return codePage;
    }

    /**
     * Posts the wrong code to the page's form on {@code node}, then to the page each answer shows,
     * until the page says the code no longer works (at most 10 posts); returns what each post showed.
     */
    private static List<String> guessUntilTheCodeIsDead(FormLogin browser, String node, Reply page, String wrong) {
        List<String> shown = new ArrayList<>();
        Reply current = page;
        for (int post = 0; post < 10; post++) {
            Reply answer = browser.submit(node, current, Map.of("code", wrong));
            if (browser.isSignedIn(answer)) {
                shown.add("signed in with a wrong code");
                break;
            }
            if (answer.status() == 302) {
                shown.add(NOT_CURRENT);
                current = browser.follow(node, answer);
                if (!FormLogin.hasForm(current)) {
                    shown.add(PAGE_WITHOUT_FORM + current.status() + " " + current.raw().replaceAll("\\s+", " "));
                    break;
                }
                continue;
            }
            String error = codeError(answer);
            shown.add(answer.status() == 200 && !error.isEmpty() ? error : "HTTP " + answer.status() + " without a code error");
            if (!error.startsWith(WRONG_CODE)) {
                break;
            }
            current = answer;
        }
        return shown;
    }

    /** The error under the code field of a code page, or "" (the page as HTML, read without a browser). */
    private static String codeError(Reply page) {
        Matcher error = CODE_ERROR.matcher(page.raw());
        return error.find() ? error.group(1).trim() : "";
    }

    @Test
    @Order(7)
    void pendingCodeSurvivesTheKillOfTheNodeThatIssuedIt() throws Exception {
        String user = createUser(cluster.nodeA());
        String code = sendReturningCode(nodeA, user);

        cluster.nodeA().kill();
        // right away, while node B may still count node A as a member
        Reply verified = nodeB.post(codes(user, "verify-code"), app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");

        assertEquals(200, verified.status(), "node B still holds the code: " + verified);
        JsonNode state = nodeB.get("/users/" + user, app).body();
        assertTrue(state.get("email").get("verified").asBoolean(), state.toString());
        cluster.awaitMembers(List.of(cluster.nodeB().name()));
    }

    /** Node A for the 1st, 3rd, ... call, node B for the 2nd, 4th, ... */
    private static VerificationApi alternating(int call) {
        return call % 2 == 1 ? nodeA : nodeB;
    }

    private static String codes(String user, String operation) {
        return "/users/" + user + "/" + operation;
    }

    private static String sendReturningCode(VerificationApi node, String user) {
        Reply sent = node.post(codes(user, "send-code"), app, "{\"channel\": \"email\", \"returnCode\": true}");
        assertEquals(200, sent.status(), sent.toString());
        return sent.text("code");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static String newName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String createUser(ClusterNode node) {
        return createUser(node, newName(), null);
    }

    /**
     * A new user {@code name} with the unverified email {@code name@example.com} and, unless null, a
     * password, created through the admin REST API of the given node; returns its id.
     */
    private static String createUser(ClusterNode node, String name, String password) {
        ObjectNode user = JSON.createObjectNode().put("username", name).put("email", name + "@example.com")
                .put("firstName", "Cluster").put("lastName", "User").put("enabled", true);
        if (password != null) {
            user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        }
        Reply created = new Http().postJson(node.baseUrl() + "/admin/realms/" + REALM + "/users", app, user.toString());
        assertEquals(201, created.status(), "a user created on " + node.name() + ": " + created.raw());
        String location = created.location();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
