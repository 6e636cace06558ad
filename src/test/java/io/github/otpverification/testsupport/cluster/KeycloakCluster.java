package io.github.otpverification.testsupport.cluster;

import io.github.otpverification.testsupport.Directories;
import io.github.otpverification.testsupport.KeycloakProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Two Keycloak nodes from the unpacked distribution, with the packaged extension jar, forming one
 * production-mode cluster on loopback: embedded Infinispan ({@code --cache=ispn}) over Keycloak's
 * default JGroups stack {@code jdbc-ping}, which finds the other node through the shared
 * PostgreSQL database. Node A imports the realm; node B starts once A is ready.
 *
 * <p>The distribution is built once ({@code kc.sh build}) into {@code keycloak-built/} under the
 * work directory and reused while the jar is unchanged; each node gets a fresh copy of it.
 */
public final class KeycloakCluster implements AutoCloseable {

    /** Build-time options; everything else is given at start. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");
    private static final Duration NODE_START = Duration.ofMinutes(4);
    private static final Duration CLUSTER_FORMED = Duration.ofMinutes(1);

    private final ClusterNode nodeA;
    private final ClusterNode nodeB;

    private KeycloakCluster(ClusterNode nodeA, ClusterNode nodeB) {
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    /** What the cluster runs: distribution, jar, the realm to import, the database, the public URL. */
    public record Setup(Path distribution, Path extensionJar, Path realmFile, String realm, Path workDir,
                        ThrowawayPostgres database, String hostname, ClusterNode.Ports portsA, ClusterNode.Ports portsB) {
    }

    /** Starts node A (importing the realm), then node B, and returns once both are in one cluster view. */
    public static KeycloakCluster start(Setup setup) throws IOException, InterruptedException {
        Path work = Files.createDirectories(setup.workDir().toAbsolutePath());
        Path built = buildOnce(setup, work);
        ClusterNode a = new ClusterNode("node-a", copyOf(built, work.resolve("node-a")), setup.portsA());
        ClusterNode b = new ClusterNode("node-b", copyOf(built, work.resolve("node-b")), setup.portsB());
        KeycloakCluster cluster = new KeycloakCluster(a, b);
        try {
            a.importRealm(setup.realmFile());
            List<String> options = runtimeOptions(setup);
            a.start(options, setup.realm(), NODE_START);
            b.start(options, setup.realm(), NODE_START);
            cluster.awaitMembers(List.of(a.name(), b.name()));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public ClusterNode nodeA() {
        return nodeA;
    }

    public ClusterNode nodeB() {
        return nodeB;
    }

    /** Waits until every running node's newest cluster view has exactly these members. */
    public void awaitMembers(List<String> members) throws InterruptedException {
        long deadline = System.nanoTime() + CLUSTER_FORMED.toNanos();
        List<ClusterNode> running = Stream.of(nodeA, nodeB).filter(ClusterNode::isRunning).toList();
        while (!running.stream().allMatch(n -> sameMembers(n.clusterView(), members))) {
            if (System.nanoTime() > deadline) {
                StringBuilder views = new StringBuilder();
                running.forEach(n -> views.append(' ').append(n.name()).append('=').append(n.clusterView()));
                throw new IllegalStateException("no cluster view " + members + " within " + CLUSTER_FORMED + ":" + views);
            }
            Thread.sleep(250);
        }
    }

    /** Stops both nodes (a killed one is already gone). */
    @Override
    public void close() {
        nodeB.close();
        nodeA.close();
    }

    private static boolean sameMembers(List<String> view, List<String> members) {
        return view.size() == members.size() && view.containsAll(members);
    }

    private static List<String> runtimeOptions(Setup setup) {
        return List.of(
                // both nodes answer for one public URL, as behind a load balancer: a token from one works on the other
                "--hostname=" + setup.hostname(),
                "--db-url=" + setup.database().jdbcUrl(), "--db-username=" + setup.database().username(),
                "--db-password=unused-trust-auth",
                "--cache=ispn", "--cache-stack=jdbc-ping");
    }

    /** {@code kc.sh build} into {@code keycloak-built/}, unless that was built from the same distribution and jar content. */
    private static Path buildOnce(Setup setup, Path work) throws IOException, InterruptedException {
        Path built = work.resolve("keycloak-built");
        Path jar = built.resolve("providers").resolve(setup.extensionJar().getFileName());
        Path marker = work.resolve("keycloak-built.txt");
        String builtFrom = setup.distribution().toAbsolutePath() + " " + String.join(" ", BUILD_OPTIONS);
        if (Files.exists(jar) && sameEntries(jar, setup.extensionJar()) && Files.exists(marker)
                && Files.readString(marker).equals(builtFrom)) {
            return built;
        }
        Directories.deleteRecursively(built);
        Files.deleteIfExists(marker);
        copyTree(setup.distribution(), built);
        // the unpacked distribution may hold a jar, a database and realm files from the packaged-jar tests or the demo
        new KeycloakProcess(built).installProvider(setup.extensionJar()).resetData()
                .build(BUILD_OPTIONS, work.resolve("build.log"));
        Files.writeString(marker, builtFrom);
        return built;
    }

    /** Same classes and resources; the shaded jar's bytes differ from build to build even when they are. */
    private static boolean sameEntries(Path jar, Path other) throws IOException {
        return entries(jar).equals(entries(other));
    }

    private static Map<String, Long> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().collect(Collectors.toMap(ZipEntry::getName, ZipEntry::getCrc));
        }
    }

    private static Path copyOf(Path built, Path node) throws IOException {
        Directories.deleteRecursively(node);
        copyTree(built, node);
        return node;
    }

    /**
     * Copies with file times: {@code kc.sh start --optimized} refuses to start ("A provider JAR was
     * updated since the last build") when a provider jar's time differs from the one at the build.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
