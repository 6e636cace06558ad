package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.Http;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** The admin REST calls the benchmark prepares its realms with, as the realm's app client. */
final class AdminApi {

    /** A person the benchmark made. */
    record BenchUser(String username, String email, String password, String id) {
    }

    private final ThreadLocal<Http> clients = ThreadLocal.withInitial(Http::new);
    private final String baseUrl;
    private final String realm;
    private final AppToken token;

    AdminApi(String baseUrl, String realm, AppToken token) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.token = token;
    }

    /**
     * Creates users {@code prefix + number} for numbers {@code from} (inclusive) to {@code to}
     * (exclusive) with partial imports of {@code batch} users each, {@code parallel} requests at a
     * time; with a password (username reversed) when {@code withPassword}. Email verified when
     * {@code emailVerified}. Returns them sorted by username.
     */
    List<BenchUser> createUsers(String prefix, int digits, int from, int to, int batch, int parallel, boolean withPassword,
                                boolean emailVerified) throws InterruptedException, ExecutionException {
        return createUsers(prefix, digits, from, to, batch, parallel, withPassword, emailVerified, n -> Map.of());
    }

    /** The same, user number {@code n} with the attributes {@code attributes.apply(n)} (e.g. a verified phone number). */
    List<BenchUser> createUsers(String prefix, int digits, int from, int to, int batch, int parallel, boolean withPassword,
                                boolean emailVerified, IntFunction<Map<String, String>> attributes)
            throws InterruptedException, ExecutionException {
        return createUsers(prefix, digits, from, to, batch, parallel, withPassword, emailVerified, attributes, false);
    }

    private List<BenchUser> createUsers(String prefix, int digits, int from, int to, int batch, int parallel, boolean withPassword,
                                        boolean emailVerified, IntFunction<Map<String, String>> attributes, boolean withTotp)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<List<BenchUser>>> batches = new ArrayList<>();
            for (int start = from; start < to; start += batch) {
                int first = start;
                int end = Math.min(to, start + batch);
                batches.add(pool.submit(() -> importUsers(prefix, digits, first, end, withPassword, emailVerified,
                        attributes, withTotp)));
            }
            List<BenchUser> created = new ArrayList<>();
            for (Future<List<BenchUser>> done : batches) {
                created.addAll(done.get());
            }
            created.sort((a, b) -> a.username().compareTo(b.username()));
            return created;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Users with a password and a TOTP credential of Keycloak's default policy whose secret is
     * {@link Totp#secretOf} their username; otherwise as {@link #createUsers}.
     */
    List<BenchUser> createTotpUsers(String prefix, int digits, int from, int to, int batch, int parallel)
            throws InterruptedException, ExecutionException {
        return createUsers(prefix, digits, from, to, batch, parallel, true, true, n -> Map.of(), true);
    }

    private List<BenchUser> importUsers(String prefix, int digits, int start, int end, boolean withPassword, boolean emailVerified,
                                        IntFunction<Map<String, String>> attributes, boolean withTotp) {
        ObjectNode body = Http.JSON.createObjectNode().put("ifResourceExists", "FAIL");
        ArrayNode users = body.putArray("users");
        Map<String, BenchUser> byName = new HashMap<>();
        for (int n = start; n < end; n++) {
            String username = prefix + String.format("%0" + digits + "d", n);
            String email = username + "@bench.test";
            String password = withPassword ? new StringBuilder(username).reverse().toString() : null;
            ObjectNode user = users.addObject().put("username", username).put("email", email)
                    .put("emailVerified", emailVerified).put("enabled", true)
                    .put("firstName", "Bench").put("lastName", "User " + n);
            // an import maps no roles by itself: the realm's default roles, as a registered user has them
            user.putArray("realmRoles").add("default-roles-" + realm);
            Map<String, String> extra = attributes.apply(n);
            if (!extra.isEmpty()) {
                ObjectNode values = user.putObject("attributes");
                extra.forEach((name, value) -> values.putArray(name).add(value));
            }
            ArrayNode credentials = withPassword || withTotp ? user.putArray("credentials") : null;
            if (withPassword) {
                credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
            }
            if (withTotp) {
                // the stored form of a TOTP credential, as a realm export has it
                credentials.addObject().put("type", "otp").put("userLabel", "bench authenticator")
                        .put("secretData", Http.JSON.createObjectNode().put("value", Totp.secretOf(username)).toString())
                        .put("credentialData", Totp.credentialData());
            }
            byName.put(username, new BenchUser(username, email, password, null));
        }
        JsonNode answer = clients.get().postJson(adminUrl("/partialImport"), token.get(), body.toString())
                .expect(200, "partial import of " + (end - start) + " users").json();
        List<BenchUser> created = new ArrayList<>();
        for (JsonNode result : answer.get("results")) {
            BenchUser user = byName.get(result.get("resourceName").asText());
            created.add(new BenchUser(user.username(), user.email(), user.password(), result.get("id").asText()));
        }
        return created;
    }

    /** Changes the realm's OTP settings (PUT /verification/settings takes any subset). */
    void putOtpSettings(String json) {
        clients.get().putJson(baseUrl + "/realms/" + realm + "/verification/settings", token.get(), json)
                .expect(200, "PUT /verification/settings");
    }

    /** Turns the realm's user events (stored in the database) on or off. */
    void setEventsEnabled(boolean enabled) {
        updateRealm("eventsEnabled", enabled);
    }

    /** Keycloak's admin events (an audit record per admin API call, in the database). */
    void setAdminEventsEnabled(boolean enabled) {
        updateRealm("adminEventsEnabled", enabled);
    }

    /** Keycloak's brute-force detection of the realm (wrong codes count in it, for users). */
    void setBruteForceProtected(boolean enabled) {
        updateRealm("bruteForceProtected", enabled);
    }

    /** The alias of the realm's browser flow. */
    String browserFlow() {
        return clients.get().get(adminUrl(""), token.get()).expect(200, "GET realm").json().get("browserFlow").asText();
    }

    /** How the user's password is hashed, e.g. {@code argon2 (id), 5 iterations, 7168 KiB, parallelism 1}. */
    String passwordHashing(String userId) throws java.io.IOException {
        for (JsonNode credential : clients.get().get(adminUrl("/users/" + userId + "/credentials"), token.get())
                .expect(200, "GET credentials").json()) {
            if ("password".equals(credential.path("type").asText())) {
                JsonNode data = Http.JSON.readTree(credential.path("credentialData").asText("{}"));
                JsonNode extra = data.path("additionalParameters");
                StringBuilder text = new StringBuilder(data.path("algorithm").asText("?"));
                if (extra.has("type")) {
                    text.append(" (").append(extra.path("type").path(0).asText()).append(')');
                }
                text.append(", ").append(data.path("hashIterations").asText("?")).append(" iterations");
                if (extra.has("memory")) {
                    text.append(", ").append(extra.path("memory").path(0).asText()).append(" KiB memory");
                }
                if (extra.has("parallelism")) {
                    text.append(", parallelism ").append(extra.path("parallelism").path(0).asText());
                }
                return text.toString();
            }
        }
        return "no password";
    }

    /** PUT of one boolean field of the realm representation. */
    private void updateRealm(String field, boolean value) {
        clients.get().putJson(adminUrl(""), token.get(), "{\"" + field + "\": " + value + "}").expect(204, "PUT realm " + field);
    }

    private String adminUrl(String path) {
        return baseUrl + "/admin/realms/" + realm + path;
    }
}
