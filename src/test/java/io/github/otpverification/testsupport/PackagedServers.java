package io.github.otpverification.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;

/**
 * Starts the packaged-jar server the way the system property {@code packaged.server} says:
 * {@code distribution} (the unpacked zip; what CI here uses) or {@code container} (the official
 * image through Testcontainers: {@code mvn -Pcontainer verify}).
 */
public final class PackagedServers {

    public static final String NO_DOCKER = "packaged.server=container needs a Docker engine and none was found: "
            + "the packaged-jar tests are skipped (without -Pcontainer they run against the unpacked distribution)";

    private PackagedServers() {
    }

    /** For {@code @EnabledIf}: false only in container mode without a Docker engine. */
    public static boolean canStart() {
        boolean canStart = !isContainerMode() || DockerClientFactory.instance().isDockerAvailable();
        if (!canStart) {
            System.err.println("SKIPPED: " + NO_DOCKER);
        }
        return canStart;
    }

    /** The container, or the unpacked distribution on {@code httpPort} (management: + 1000). */
    public static PackagedKeycloak start(PackagedKeycloak.Setup setup, int httpPort) throws Exception {
        if (isContainerMode()) {
            return KeycloakInContainer.start(System.getProperty("keycloak.image"), setup);
        }
        KeycloakProcess keycloak = KeycloakProcess.packaged(Path.of(System.getProperty("keycloak.dist.dir")), httpPort,
                setup.extensionJar(), setup.realmFile());
        keycloak.start(KeycloakProcess.Mode.DEV, setup.optionsForHost().apply("127.0.0.1"), setup.realm(), Duration.ofMinutes(4));
        return keycloak;
    }

    private static boolean isContainerMode() {
        String mode = System.getProperty("packaged.server", "distribution");
        if (!mode.equals("distribution") && !mode.equals("container")) {
            throw new IllegalArgumentException("packaged.server must be distribution or container, not " + mode);
        }
        return mode.equals("container");
    }
}
