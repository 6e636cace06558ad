package io.github.otpverification.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak started from the unpacked distribution with the packaged extension jar in
 * {@code providers/}: what a user deploys. Used by the packaged-jar test, the demo and the benchmark.
 */
public final class KeycloakDistribution implements PackagedKeycloak {

    private final Path home;
    private final int httpPort;
    private final Path log;
    private Process process;

    public KeycloakDistribution(Path home, int httpPort) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (run mvn verify / mvn -Pdemo verify)");
        }
        this.home = home;
        this.httpPort = httpPort;
        this.log = home.resolve("keycloak.log");
    }

    /** Puts the extension jar into providers/ (replacing older builds) and the realm into the import folder. */
    public KeycloakDistribution install(Path extensionJar, Path realmFile) throws IOException {
        if (!Files.isRegularFile(extensionJar)) {
            throw new IllegalStateException("No extension jar at " + extensionJar + " (run mvn package first)");
        }
        Path providers = home.resolve("providers");
        try (Stream<Path> old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.getFileName().toString().startsWith("keycloak-otp-verification")).toList()) {
                Files.delete(jar);
            }
        }
        Files.copy(extensionJar, providers.resolve(extensionJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Directories.deleteRecursively(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Adds one more realm file to import at start (after {@link #install}). */
    public KeycloakDistribution installRealm(Path realmFile) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Starts {@code kc.sh start-dev} with the given extra options and waits until the realm answers. */
    public void start(String realm, Duration timeout, String... options) throws IOException, InterruptedException {
        start("start-dev", Map.of(), realm, timeout, options);
    }

    /**
     * Starts {@code kc.sh <mode>} ({@code start-dev}, or {@code start} for production mode, which
     * needs the HTTP and hostname options among {@code options}) with extra environment variables
     * (e.g. {@code JAVA_OPTS_KC_HEAP}) and waits until the realm answers.
     */
    public void start(String mode, Map<String, String> environment, String realm, Duration timeout, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), mode,
                "--http-port=" + httpPort, "--http-management-port=" + managementPort(), "--import-realm"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().putAll(environment);
        process = builder.start();
        awaitRealm(realm, timeout);
    }

    public int managementPort() {
        return httpPort + 1000;
    }

    /**
     * The JVM that serves requests: kc.sh runs Java as its child, or (after an implicit re-build)
     * replaces itself with it. Empty before {@link #start} or after the server stopped.
     */
    public Optional<ProcessHandle> serverJvm() {
        if (process == null || !process.isAlive()) {
            return Optional.empty();
        }
        return Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The Keycloak JVM's process id (kc.sh may run it as a child). */
    public long serverPid() {
        return serverJvm().map(ProcessHandle::pid).orElseThrow(() -> new IllegalStateException("Keycloak is not running"));
    }

    public Path log() {
        return log;
    }

    private void awaitRealm(String realm, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI wellKnown = URI.create(baseUrl() + "/realms/" + realm + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped during start-up; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(wellKnown).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + timeout + "; see " + log);
    }

    /** Stops Keycloak and every process it started; leaves nothing behind. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
