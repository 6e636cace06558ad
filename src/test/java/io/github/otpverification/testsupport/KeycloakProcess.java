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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one launcher of a Keycloak process outside the test framework: a Keycloak home (the unpacked
 * distribution, or a copy of it) with extra providers and realm files to import, started with
 * {@code kc.sh} in dev or production mode on fixed ports, its output in {@code keycloak.log} of the
 * home, ready once the realm answers. The demo, the packaged-jar tests, the soak, the benchmark and
 * each node of the cluster test are configurations of it ({@link #packaged} for the first four).
 *
 * <p>A shutdown hook stops the server should the JVM end without {@link #close()}.
 */
public final class KeycloakProcess implements PackagedKeycloak {

    /** How {@code kc.sh} starts the server. */
    public enum Mode {
        /** {@code start-dev}: HTTP, the dev-file database, no hostname needed. */
        DEV("start-dev"),
        /** {@code start}: production mode; needs {@code --http-enabled=true} and a hostname option. */
        PRODUCTION("start"),
        /** {@code start --optimized}: production mode on what {@link #build} made, without a re-build. */
        OPTIMIZED("start", "--optimized");

        private final List<String> arguments;

        Mode(String... arguments) {
            this.arguments = List.of(arguments);
        }
    }

    /** HTTP and management (health, metrics) ports. */
    public record Ports(int http, int management) {
        /** The management port 1000 above the HTTP port, as every server here has it outside the cluster. */
        public static Ports of(int http) {
            return new Ports(http, http + 1000);
        }
    }

    private static final String EXTENSION_JAR_PREFIX = "keycloak-otp-verification";
    private static final long STOP_SECONDS = 30;

    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Thread stopOnExit = new Thread(this::close, "stop-keycloak");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String name = "Keycloak";
    private Ports ports;
    private String urlHost = "localhost";
    private boolean awaitHealth;
    private Process process;

    public KeycloakProcess(Path home) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (run mvn verify / mvn -Pdemo verify)");
        }
        this.home = home;
    }

    /**
     * The unpacked distribution as a user deploys it: the packaged jar in {@code providers/}, a fresh
     * {@code data/} with the realm files to import, {@code admin}/{@code admin} in the master realm,
     * URLs on {@code localhost:httpPort} (management: + 1000).
     */
    public static KeycloakProcess packaged(Path home, int httpPort, Path extensionJar, Path... realmFiles) throws IOException {
        KeycloakProcess keycloak = new KeycloakProcess(home).ports(Ports.of(httpPort))
                .installProvider(extensionJar).resetData()
                .environment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .environment("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        for (Path realm : realmFiles) {
            keycloak.importRealm(realm);
        }
        return keycloak;
    }

    /** How messages name this server (a cluster node's name). */
    public KeycloakProcess named(String name) {
        this.name = name;
        return this;
    }

    public KeycloakProcess ports(Ports ports) {
        this.ports = ports;
        return this;
    }

    /** The host of {@link #baseUrl()}; {@code localhost} unless set. */
    public KeycloakProcess urlHost(String host) {
        this.urlHost = host;
        return this;
    }

    /** An environment variable of {@code kc.sh}, e.g. {@code JAVA_OPTS_KC_HEAP}. */
    public KeycloakProcess environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Also wait for the management port's {@code /health/ready} (needs {@code --health-enabled=true}). */
    public KeycloakProcess awaitHealth() {
        this.awaitHealth = true;
        return this;
    }

    /** Puts the extension jar into {@code providers/} (replacing older builds), keeping its file time. */
    public KeycloakProcess installProvider(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No extension jar at " + jar + " (run mvn package first)");
        }
        Path providers = Files.createDirectories(home.resolve("providers"));
        try (Stream<Path> old = Files.list(providers)) {
            for (Path previous : old.filter(p -> p.getFileName().toString().startsWith(EXTENSION_JAR_PREFIX)).toList()) {
                Files.delete(previous);
            }
        }
        // kc.sh start --optimized refuses a provider jar whose time differs from the one at the build
        Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        return this;
    }

    /** Deletes {@code data/}: no database, no realm files left from an earlier run. */
    public KeycloakProcess resetData() throws IOException {
        Directories.deleteRecursively(home.resolve("data"));
        return this;
    }

    /** A realm file to import at start ({@code --import-realm} is then added). */
    public KeycloakProcess importRealm(Path realmFile) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** {@code kc.sh build} with the build-time options, for {@link Mode#OPTIMIZED} starts. */
    public void build(List<String> options, Path buildLog) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(options);
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed; see " + buildLog);
        }
    }

    /**
     * Starts {@code kc.sh <mode> --http-port=... --http-management-port=... [--import-realm] <options>}
     * and returns once the realm serves its OpenID configuration (and, with {@link #awaitHealth()},
     * the server reports ready). Fails at once when a port is taken or the server stops, and stops
     * a server that is not ready in time.
     */
    public void start(Mode mode, List<String> options, String realm, Duration timeout) throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException(name + " was started already");
        }
        if (ports == null) {
            throw new IllegalStateException(name + " has no ports");
        }
        LocalPorts.requireFree(ports.http(), ports.management());
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(mode.arguments);
        command.add("--http-port=" + ports.http());
        command.add("--http-management-port=" + ports.management());
        if (hasRealmsToImport()) {
            command.add("--import-realm");
        }
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (awaitHealth) {
                awaitOk(URI.create("http://127.0.0.1:" + ports.management() + "/health/ready"), deadline, timeout);
            }
            awaitOk(URI.create(baseUrl() + "/realms/" + realm + "/.well-known/openid-configuration"), deadline, timeout);
        } catch (IOException | InterruptedException | RuntimeException notReady) {
            close(); // nothing half-started is left for the caller to stop
            throw notReady;
        }
    }

    public String name() {
        return name;
    }

    @Override
    public String baseUrl() {
        return "http://" + urlHost + ":" + ports.http();
    }

    public Path log() {
        return home.resolve("keycloak.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * The JVM that serves requests: kc.sh runs Java as its child, or (after an implicit re-build)
     * replaces itself with it. Empty before {@link #start} or after the server stopped.
     */
    public Optional<ProcessHandle> serverJvm() {
        if (!isRunning()) {
            return Optional.empty();
        }
        return Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** The Keycloak JVM's process id. */
    public long serverPid() {
        return serverJvm().map(ProcessHandle::pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    /** Like {@code kill -9} of the server's JVM: no shutdown, no goodbye to a cluster. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server the regular way (a cluster node leaves the cluster), killing what is left after 30 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } catch (Exception stillRunning) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down (or this is the hook): nothing to remove
        }
    }

    private boolean hasRealmsToImport() throws IOException {
        Path imports = home.resolve("data/import");
        if (!Files.isDirectory(imports)) {
            return false;
        }
        try (Stream<Path> files = Files.list(imports)) {
            return files.findAny().isPresent();
        }
    }

    /** Polls until {@code uri} answers 200, pausing by waiting for the process to end (which fails at once). */
    private void awaitOk(URI uri, long deadline, Duration timeout) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " stopped during start-up; see " + log());
            }
        }
        throw new IllegalStateException(name + " did not answer 200 at " + uri + " within " + timeout + "; see " + log());
    }
}
