package io.github.otpverification.testsupport;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.time.Duration;
import java.util.List;
import org.testcontainers.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The official Keycloak image with the packaged jar in {@code /opt/keycloak/providers} and the
 * realm file imported, as a user's own CI would run it. The container reaches the test's mail and
 * SMS fakes on the host through {@code host.testcontainers.internal}.
 */
final class KeycloakInContainer implements PackagedKeycloak {

    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";

    private final KeycloakContainer container;

    private KeycloakInContainer(KeycloakContainer container) {
        this.container = container;
    }

    static KeycloakInContainer start(String image, PackagedKeycloak.Setup setup) {
        setup.hostPorts().forEach(Testcontainers::exposeHostPorts);
        KeycloakContainer container = new KeycloakContainer(image)
                .withProviderLibsFrom(List.of(setup.extensionJar().toFile()))
                .withCopyFileToContainer(MountableFile.forHostPath(setup.realmFile()),
                        "/opt/keycloak/data/import/" + setup.realmFile().getFileName())
                // the demo realm reads its SMTP host from this placeholder
                .withEnv("OTP_DEMO_SMTP_HOST", HOST_FROM_CONTAINER)
                .withStartupTimeout(Duration.ofMinutes(4));
        setup.optionsForHost().apply(HOST_FROM_CONTAINER).forEach(container::withCustomCommand);
        container.start();
        return new KeycloakInContainer(container);
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        container.stop();
    }
}
