package io.github.otpverification.testsupport.cluster;

import io.github.otpverification.testsupport.Directories;
import io.github.otpverification.testsupport.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of its own for one test class: {@code initdb} into a fresh temporary directory,
 * {@code pg_ctl start} on 127.0.0.1 with the socket in that directory, one database, trust
 * authentication on loopback; {@link #close()} stops it and deletes everything. Uses the
 * distribution's binaries under {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * {@code postgresql} package). PostgreSQL refuses to run as root, so a root caller runs the
 * binaries as the {@code postgres} user ({@code runuser}).
 */
public final class ThrowawayPostgres implements AutoCloseable {

    public static final String NOT_INSTALLED = "PostgreSQL is not installed: this test starts its own throwaway server "
            + "with initdb and pg_ctl from /usr/lib/postgresql/<version>/bin. Install it (Debian/Ubuntu: "
            + "apt-get install -y postgresql; .ci/run does this).";

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "keycloak";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String database;
    private final boolean asPostgresUser;
    private final Thread stopOnExit = new Thread(this::stop, "stop-throwaway-postgres");
    private boolean running;

    private ThrowawayPostgres(Path bin, Path dir, int port, String database, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.database = database;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates, starts and fills in one empty database; fails with {@link #NOT_INSTALLED} without PostgreSQL. */
    public static ThrowawayPostgres start(int port, String database) throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
        LocalPorts.requireFree(port);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("otpv-cluster-pg-");
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
        }
        ThrowawayPostgres postgres = new ThrowawayPostgres(bin, dir, port, database, root);
        postgres.initAndStart();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** The server's main process (the postmaster); its backends, one per connection, are its children. */
    public ProcessHandle serverProcess() {
        return postmaster(dir.resolve("data")).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        run("initdb", List.of("-D", data.toString(), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-instructions"));
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        running = true;
        // fsync off: the data is thrown away anyway, and commits get much cheaper
        run("pg_ctl", List.of("-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        run("createdb", List.of("-h", dir.toString(), "-p", Integer.toString(port), "-U", SUPERUSER, database));
    }

    /** Stops the server (fast shutdown, killed if it hangs) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down; the hook runs anyway
        }
    }

    private synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Path data = dir.resolve("data");
        Optional<ProcessHandle> postmaster = postmaster(data);
        try {
            run("pg_ctl", List.of("-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop"));
        } catch (Exception e) {
            postmaster.ifPresent(ProcessHandle::destroyForcibly);
        }
        postmaster.ifPresent(ThrowawayPostgres::awaitExitOrKill);
        deleteRecursively(dir);
    }

    private void run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(args);
        Path log = dir.resolve(tool + ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish within 2 minutes: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(log) + logTail());
        }
    }

    private String logTail() throws IOException {
        Path serverLog = dir.resolve("postgres.log");
        return Files.exists(serverLog) ? "\npostgres.log:\n" + Files.readString(serverLog) : "";
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has initdb and pg_ctl. */
    private static Optional<Path> binaries() throws IOException {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(ThrowawayPostgres::majorVersion));
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<ProcessHandle> postmaster(Path data) {
        try {
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException notRunning) {
            return Optional.empty();
        }
    }

    private static void awaitExitOrKill(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            process.destroyForcibly();
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Directories.deleteRecursively(root);
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
