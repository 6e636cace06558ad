package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two realms of the benchmark, both made from the demo realm file so that they differ only in
 * the login flow: {@code bench-otp} keeps the demo's flow (password, then the Email OTP step) and
 * also serves the REST scenarios; {@code bench-pw} uses Keycloak's built-in {@code browser} flow
 * (password only). The demo's people are left out (the benchmark makes its own); its app client
 * may also manage the realm, for partial imports and the OTP settings.
 */
final class BenchRealms {

    static final String OTP = "bench-otp";
    static final String PASSWORD_ONLY = "bench-pw";
    static final String APP_CLIENT = "demo-app";
    static final String APP_SECRET = "demo-app-secret";

    private BenchRealms() {
    }

    /** Writes both realm files into {@code dir}; returns {OTP realm file, password-only realm file}. */
    static Path[] write(Path demoRealm, Path dir, int smtpPort) throws IOException {
        Files.createDirectories(dir);
        ObjectNode otp = fromDemo(demoRealm, OTP, smtpPort);
        ObjectNode password = fromDemo(demoRealm, PASSWORD_ONLY, smtpPort);
        // without flows in the file, the import creates Keycloak's built-in ones, "browser" among them
        password.remove("authenticationFlows");
        password.remove("authenticatorConfig");
        password.put("browserFlow", "browser");
        Path otpFile = dir.resolve(OTP + "-realm.json");
        Path passwordFile = dir.resolve(PASSWORD_ONLY + "-realm.json");
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(otpFile.toFile(), otp);
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(passwordFile.toFile(), password);
        return new Path[] {otpFile, passwordFile};
    }

    private static ObjectNode fromDemo(Path demoRealm, String name, int smtpPort) throws IOException {
        ObjectNode realm = (ObjectNode) Http.JSON.readTree(demoRealm.toFile());
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
