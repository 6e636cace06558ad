package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.demo.Demo;
import io.github.otpverification.demo.DemoInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo as {@code mvn -Pdemo verify} runs it, for the failsafe tests: the demo inbox (SMTP on
 * 1025, web and SMS sink on 8025) and Keycloak with the packaged jar, the demo realm and the
 * demo's own options ({@link Demo#keycloakOptions}) on port 8080, so the README's URLs work as
 * written. Started once for every test class that registers this extension (it lives in JUnit's
 * root store) and stopped when the test run ends.
 *
 * <p>Besides the demo's {@code http} gateway, the server also has the {@code aws-sns} gateway
 * pointed at a local SNS fake (port 8501), which the packaged-jar test selects for the demo realm
 * to exercise the relocated AWS SDK.
 */
public final class DemoServer implements BeforeAllCallback {

    public static final int SNS_PORT = 8501;
    private static final ObjectMapper JSON = Http.JSON;
    private static final Http HTTP = new Http();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DemoServer.class);

    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class);
        running.rethrowStartFailure();
    }

    /** {@code http://localhost:8080}, or the container's URL with {@code -Pcontainer}. */
    public String baseUrl() {
        return running.keycloak.baseUrl();
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + Demo.REALM;
    }

    public DemoInbox inbox() {
        return running.inbox;
    }

    public FakeSmsGateways sns() {
        return running.sns;
    }

    /** A token of the master realm's {@code admin} (admin-cli password grant). */
    public String masterAdminToken() {
        return new VerificationApi(baseUrl() + "/realms/master", "admin-cli").userToken("admin", "admin");
    }

    /** The demo realm as the admin REST API shows it. */
    public JsonNode realm() {
        return readTree(call("GET", "", null, 200));
    }

    /** Sets (or, with an empty value, blanks) an attribute of the demo realm. */
    public void setRealmAttribute(String name, String value) {
        ObjectNode realm = (ObjectNode) readTree(call("GET", "", null, 200));
        ((ObjectNode) realm.with("attributes")).put(name, value);
        call("PUT", "", realm.toString(), 204);
    }

    /**
     * Puts a user back as {@code demo/demo-realm.json} has them (partial import with overwrite:
     * the user is deleted and created again, with a new id), so a test does not depend on what an
     * earlier one did to them.
     */
    public void resetUser(String username) {
        try {
            JsonNode file = JSON.readTree(Demo.REALM_FILE.toFile());
            JsonNode user = null;
            for (JsonNode candidate : file.path("users")) {
                if (username.equals(candidate.path("username").asText())) {
                    user = candidate;
                }
            }
            if (user == null) {
                throw new IllegalArgumentException(username + " is not in " + Demo.REALM_FILE);
            }
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "OVERWRITE");
            body.putArray("users").add(user);
            call("POST", "/partialImport", body.toString(), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String call(String method, String path, String body, int expectedStatus) {
        Reply reply = HTTP.send(method, baseUrl() + "/admin/realms/" + Demo.REALM + path, masterAdminToken(),
                body == null ? null : "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        if (reply.status() != expectedStatus) {
            throw new AssertionError(method + " /admin/realms/demo" + path + ": " + reply.status() + " " + reply.raw());
        }
        return reply.raw();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running servers; JUnit closes them at the end of the run. */
    static final class Running implements AutoCloseable {
        private DemoInbox inbox;
        private HttpServer snsServer;
        private FakeSmsGateways sns;
        private PackagedKeycloak keycloak;
        private RuntimeException startFailure;

        static Running start() {
            Running running = new Running();
            try {
                running.inbox = new DemoInbox(Demo.SMTP_PORT, Demo.INBOX_PORT);
                running.inbox.start();
                running.snsServer = HttpServer.create(new InetSocketAddress("127.0.0.1", SNS_PORT), 10);
                running.sns = new FakeSmsGateways(running.snsServer);
                running.snsServer.start();
                running.keycloak = PackagedServers.start(new PackagedKeycloak.Setup(Path.of(System.getProperty("extension.jar")),
                        Demo.REALM_FILE, Demo.REALM, List.of(Demo.SMTP_PORT, Demo.INBOX_PORT, SNS_PORT), host -> {
                            List<String> options = new ArrayList<>(Demo.keycloakOptions(host));
                            options.addAll(List.of(
                                    "--spi-sms-gateway--aws-sns--region=eu-central-1",
                                    "--spi-sms-gateway--aws-sns--access-key-id=" + FakeSmsGateways.SNS_ACCESS_KEY,
                                    "--spi-sms-gateway--aws-sns--secret-access-key=packaged-jar-test-secret",
                                    "--spi-sms-gateway--aws-sns--endpoint-override=http://" + host + ":" + SNS_PORT));
                            return options;
                        }), Demo.KEYCLOAK_PORT);
            } catch (Exception e) {
                running.close();
                running.startFailure = new IllegalStateException("the demo servers did not start: " + e.getMessage(), e);
            }
            return running;
        }

        void rethrowStartFailure() {
            if (startFailure != null) {
                throw startFailure;
            }
        }

        @Override
        public void close() {
            if (keycloak != null) {
                keycloak.close();
            }
            if (snsServer != null) {
                snsServer.stop(0);
            }
            if (inbox != null) {
                inbox.close();
            }
        }
    }
}
