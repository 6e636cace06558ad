package io.github.otpverification.testsupport.cluster;

import io.github.otpverification.testsupport.KeycloakProcess;
import io.github.otpverification.testsupport.LocalPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak of a {@link KeycloakCluster}: a {@link KeycloakProcess} in its own copy of the built
 * distribution, started with {@code kc.sh start --optimized} on its own loopback ports (HTTP,
 * management, JGroups); output in {@code keycloak.log} of its directory.
 */
public final class ClusterNode implements AutoCloseable {

    /** Loopback ports of one node: HTTP, management (health) and JGroups (cluster transport). */
    public record Ports(int http, int management, int jgroups) {
    }

    private static final Pattern CLUSTER_VIEW =
            Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\(\\d+\\) \\[(.*)\\]");
    private static final Pattern MEMBER_VERSION = Pattern.compile("\\(v=[^)]*\\)");

    private final Ports ports;
    private final KeycloakProcess keycloak;

    ClusterNode(String name, Path home, Ports ports) {
        this.ports = ports;
        this.keycloak = new KeycloakProcess(home).named(name)
                .ports(new KeycloakProcess.Ports(ports.http(), ports.management())).urlHost("127.0.0.1")
                // two nodes and the test JVM on one small machine: Keycloak's default heap is 70 % of the RAM
                .environment("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m")
                .awaitHealth();
    }

    public String name() {
        return keycloak.name();
    }

    /** Where this node answers; requests may go to either node (both share one public hostname). */
    public String baseUrl() {
        return keycloak.baseUrl();
    }

    public Path log() {
        return keycloak.log();
    }

    public boolean isRunning() {
        return keycloak.isRunning();
    }

    /** The node's JVM's process id (for its CPU time). */
    public long serverPid() {
        return keycloak.serverPid();
    }

    /** A realm file this node imports when it starts. */
    void importRealm(Path realmFile) throws IOException {
        keycloak.importRealm(realmFile);
    }

    /** Starts the node and returns once it reports ready and serves the realm. */
    void start(List<String> options, String realm, Duration timeout) throws IOException, InterruptedException {
        LocalPorts.requireFree(ports.jgroups());
        List<String> all = new ArrayList<>(List.of("--http-enabled=true", "--http-host=127.0.0.1",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + ports.jgroups(),
                "--spi-cache-embedded--default--node-name=" + name()));
        all.addAll(options);
        keycloak.start(KeycloakProcess.Mode.OPTIMIZED, all, realm, timeout);
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
        keycloak.kill();
    }

    /** Stops the node the regular way (it leaves the cluster), killing it if that takes over 30 s. */
    @Override
    public void close() {
        keycloak.close();
    }
}
