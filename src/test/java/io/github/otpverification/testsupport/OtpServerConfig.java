package io.github.otpverification.testsupport;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration the whole integration suite shares, so the framework starts
 * Keycloak once: the extension from target/classes and the framework's time-offset endpoint.
 */
public class OtpServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                .dependencyCurrentProject()
                .dependency("org.keycloak.testframework", "keycloak-test-framework-remote-providers");
    }
}
