package io.github.otpverification.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A Keycloak 26.7.5 running the packaged extension jar; {@link PackagedServers} says how it was
 * started. The tests using it do not know which one they got.
 */
public interface PackagedKeycloak extends AutoCloseable {

    /** What the server needs: the jar, a realm file to import and its name, local ports it must reach. */
    record Setup(Path extensionJar, Path realmFile, String realm, List<Integer> hostPorts,
                 Function<String, List<String>> optionsForHost) {
    }

    String baseUrl();

    @Override
    void close();
}
