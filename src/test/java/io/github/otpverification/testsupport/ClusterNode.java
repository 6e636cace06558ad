package io.github.otpverification.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak of a {@link KeycloakCluster}: its own copy of the built distribution, started with
 * {@code kc.sh start --optimized} on its own loopback ports; output in {@code keycloak.log} of its
 * directory.
 */
public final class ClusterNode implements AutoCloseable {

    /** Loopback ports of one node: HTTP, management (health) and JGroups (cluster transport). */
    public record Ports(int http, int management, int jgroups) {
        int[] all() {
            return new int[] {http, management, jgroups};
        }
    }

    private static final Pattern CLUSTER_VIEW =
            Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\(\\d+\\) \\[(.*)\\]");
    private static final Pattern MEMBER_VERSION = Pattern.compile("\\(v=[^)]*\\)");

    private final String name;
    private final Path home;
    private final Ports ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread killOnExit = new Thread(this::kill);
    private Process process;

    ClusterNode(String name, Path home, Ports ports) {
        this.name = name;
        this.home = home;
        this.ports = ports;
    }

    public String name() {
        return name;
    }

    /** Where this node answers; requests may go to either node (both share one public hostname). */
    public String baseUrl() {
        return "http://127.0.0.1:" + ports.http();
    }

    public Path log() {
        return home.resolve("keycloak.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the node and returns once it reports ready and serves the realm. */
    void start(List<String> options, String realm, Duration timeout) throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException(name + " was started already");
        }
        LocalPorts.requireFree(ports.all());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + ports.http(),
                "--http-management-port=" + ports.management(),
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + ports.jgroups(),
                "--spi-cache-embedded--default--node-name=" + name));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log().toFile());
        // two nodes and the test JVM on one small machine: Keycloak's default heap is 70 % of the RAM
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(killOnExit);
        awaitOk(URI.create("http://127.0.0.1:" + ports.management() + "/health/ready"), timeout);
        awaitOk(URI.create(baseUrl() + "/realms/" + realm + "/.well-known/openid-configuration"), Duration.ofSeconds(30));
    }

    /** The member names of the newest Infinispan cluster view in this node's log (empty before the first). */
    public List<String> clusterView() {
        List<String> members = List.of();
        try {
            for (String line : Files.readAllLines(log())) {
                Matcher view = CLUSTER_VIEW.matcher(line);
                if (view.find()) {
                    members = Arrays.stream(MEMBER_VERSION.matcher(view.group(1)).replaceAll("").split(","))
                            .map(String::trim).toList();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** Like {@code kill -9} of the server's JVM: no shutdown, no goodbye to the cluster. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node the regular way (it leaves the cluster), killing it if that takes over 30 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            List<ProcessHandle> jvm = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
            jvm.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down; the hook runs anyway
        }
    }

    private void awaitOk(URI uri, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped during start-up; see " + log());
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not answer 200 at " + uri + " within " + timeout + "; see " + log());
    }
}
