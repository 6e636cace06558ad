package io.github.otpverification.packaging;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker-compose.yml deploys what this build makes and imports the demo realm that exists. */
class DockerComposeTest {

    private final List<String> compose = read(Path.of("docker-compose.yml"));

    @Test
    void mountsTheJarTheBuildProducesIntoProviders() {
        String jar = System.getProperty("extension.jar.name");
        assertNotNull(jar, "surefire passes the build's jar name");

        assertTrue(compose.stream().anyMatch(line -> line.trim().startsWith("- ./target/" + jar + ":/opt/keycloak/providers/")),
                "docker-compose.yml must mount target/" + jar + " into /opt/keycloak/providers");
    }

    @Test
    void importsTheDemoRealmFileThatExists() {
        String mount = compose.stream().map(String::trim).filter(line -> line.contains(":/opt/keycloak/data/import/"))
                .findFirst().orElseThrow(() -> new AssertionError("no realm import mount"));
        String file = mount.substring(2, mount.indexOf(':'));

        assertTrue(Files.isRegularFile(Path.of(file)), file + " must exist");
        assertTrue(compose.stream().anyMatch(line -> line.contains("--import-realm")));
    }

    @Test
    void usesTheKeycloakVersionTheTestsRunAgainst() {
        String version = System.getProperty("keycloak.server.version");
        assertTrue(compose.stream().anyMatch(line -> line.trim().equals("image: quay.io/keycloak/keycloak:" + version)),
                "docker-compose.yml must use Keycloak " + version);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
