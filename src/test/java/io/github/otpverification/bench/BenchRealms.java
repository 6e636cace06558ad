package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.FlowIds;
import io.github.otpverification.testsupport.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The realms of the benchmark, all made from the demo realm file so that they differ only in
 * the login flows: {@code bench-otp} keeps the demo's flow (password, then the Email OTP step) and
 * also serves the REST scenarios; {@code bench-pw} uses Keycloak's built-in {@code browser} flow
 * (password only); {@code bench-totp} is the same as {@code bench-pw}, its people with a TOTP
 * credential, so that the built-in flow's conditional OTP form asks for a code (Keycloak's own
 * second factor, the anchor); {@code bench-sms} keeps the demo's flow too, its people with a
 * verified phone number, so that the flow's SMS branch sends the code by the {@code http} gateway;
 * {@code bench-blind} has the two blind pages of scenario 6 (phone sign-in for
 * the client {@code bench-phone}, and the realm's reset-credentials flow with the Email OTP step,
 * reached from the login page of {@code bench-reset}). The demo's people are left out (the
 * benchmark makes its own); its app client may also manage the realm, for partial imports and the
 * OTP settings.
 */
final class BenchRealms {

    static final String OTP = "bench-otp";
    static final String PASSWORD_ONLY = "bench-pw";
    static final String TOTP = "bench-totp";
    static final String SMS = "bench-sms";
    static final String APP_CLIENT = "demo-app";
    static final String APP_SECRET = "demo-app-secret";
    static final String BLIND = "bench-blind";
    /** Public client of {@link #BLIND} whose browser flow is {@code phone-number-form} then {@code sms-otp-form}. */
    static final String PHONE_CLIENT = "bench-phone";
    /** Public client of {@link #BLIND} whose login page links to the realm's reset flow (Choose User, Email OTP, new password). */
    static final String RESET_CLIENT = "bench-reset";
    /** Where the blind clients would send the browser back to; the benchmark stops at the code page and never goes there. */
    static final String CALLBACK = "http://127.0.0.1/bench-callback";
    static final String PHONE_FLOW = "bench phone sign-in";
    static final String RESET_FLOW = "bench reset with email code";
    /** Fixed so that the client's flow override (which names the flow by id) can point at it in the file. */
    private static final String PHONE_FLOW_ID = "6b1f0c57-6a8e-4d35-9f51-0be2c1b1a001";

    private BenchRealms() {
    }

    /** Writes the realm files into {@code dir}; returns them. The blind pages' realm mails to {@code blindSmtpPort}. */
    static Path[] write(Path demoRealm, Path dir, int smtpPort, int blindSmtpPort) throws IOException {
        Files.createDirectories(dir);
        return new Path[] {
            file(dir, fromDemo(demoRealm, OTP, smtpPort)),
            file(dir, builtInBrowserFlow(fromDemo(demoRealm, PASSWORD_ONLY, smtpPort))),
            file(dir, builtInBrowserFlow(fromDemo(demoRealm, TOTP, smtpPort))),
            file(dir, fromDemo(demoRealm, SMS, smtpPort)),
            file(dir, blind(demoRealm, blindSmtpPort)),
        };
    }

    private static Path file(Path dir, ObjectNode realm) throws IOException {
        Path file = dir.resolve(realm.get("realm").asText() + "-realm.json");
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm);
        return file;
    }

    /**
     * Without flows in the file, the import creates Keycloak's built-in ones: {@code browser}, whose
     * conditional OTP form asks a user with a TOTP credential for a code and nobody else.
     */
    private static ObjectNode builtInBrowserFlow(ObjectNode realm) {
        realm.remove("authenticationFlows");
        realm.remove("authenticatorConfig");
        realm.put("browserFlow", "browser");
        realm.put("resetCredentialsFlow", "reset credentials");
        // the demo's passwordless clients name its flows by id
        realm.get("clients").forEach(client -> ((ObjectNode) client).remove("authenticationFlowBindingOverrides"));
        return realm;
    }

    /**
     * The demo realm with the two blind pages: a browser flow {@code phone-number-form} (REQUIRED)
     * then {@code sms-otp-form} (REQUIRED), bound to {@link #PHONE_CLIENT}, and the realm's
     * reset-credentials flow {@code reset-credentials-choose-user}, {@code email-otp-form},
     * {@code reset-password}. Send caps and cooldown are set off after the start (as for the REST scenarios).
     */
    private static ObjectNode blind(Path demoRealm, int smtpPort) throws IOException {
        ObjectNode realm = fromDemo(demoRealm, BLIND, smtpPort);
        realm.put("resetPasswordAllowed", true);
        realm.put("resetCredentialsFlow", RESET_FLOW);
        ArrayNode flows = (ArrayNode) realm.get("authenticationFlows");
        flows.add(flow(PHONE_FLOW, "Phone number, then a code by SMS", "phone-number-form", "sms-otp-form").put("id", PHONE_FLOW_ID));
        flows.add(flow(RESET_FLOW, "Choose User, a code by mail, a new password", "reset-credentials-choose-user",
                "email-otp-form", "reset-password"));
        ArrayNode clients = (ArrayNode) realm.get("clients");
        client(clients, PHONE_CLIENT).putObject("authenticationFlowBindingOverrides").put("browser", PHONE_FLOW_ID);
        client(clients, RESET_CLIENT);
        return realm;
    }

    /** A top-level flow of REQUIRED steps, in this order. */
    private static ObjectNode flow(String alias, String description, String... authenticators) {
        ObjectNode flow = Http.JSON.createObjectNode().put("alias", alias).put("description", description)
                .put("providerId", "basic-flow").put("topLevel", true).put("builtIn", false);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        for (int i = 0; i < authenticators.length; i++) {
            executions.addObject().put("authenticator", authenticators[i]).put("requirement", "REQUIRED")
                    .put("priority", 10 * (i + 1)).put("authenticatorFlow", false).put("userSetupAllowed", false);
        }
        return flow;
    }

    /** A public client with the authorization-code flow and PKCE (S256), redirecting to {@link #CALLBACK}. */
    private static ObjectNode client(ArrayNode clients, String clientId) {
        ObjectNode client = clients.addObject().put("clientId", clientId).put("enabled", true).put("publicClient", true)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(CALLBACK);
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        return client;
    }

    private static ObjectNode fromDemo(Path demoRealm, String name, int smtpPort) throws IOException {
        ObjectNode realm = (ObjectNode) Http.JSON.readTree(demoRealm.toFile());
        FlowIds.renew(realm); // several copies of the demo on one server
        realm.put("realm", name);
        realm.put("displayName", "Benchmark " + name);
        ObjectNode smtp = (ObjectNode) realm.get("smtpServer");
        smtp.put("host", "127.0.0.1");
        smtp.put("port", Integer.toString(smtpPort));
        ArrayNode users = Http.JSON.createArrayNode();
        realm.get("users").forEach(user -> {
            if (APP_CLIENT.equals(user.path("serviceAccountClientId").asText())) {
                ((ArrayNode) user.get("clientRoles").get("realm-management")).add("manage-realm");
                // the realm's own default roles under its new name
                ((ObjectNode) user).putArray("realmRoles").add("default-roles-" + name);
                users.add(user);
            }
        });
        realm.set("users", users);
        return realm;
    }
}
