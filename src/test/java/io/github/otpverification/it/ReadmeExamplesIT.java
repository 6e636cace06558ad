package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.DemoServer;
import io.github.otpverification.testsupport.PackagedServers;
import io.github.otpverification.testsupport.ReadmeExamples;
import io.github.otpverification.testsupport.ReadmeExamples.Example;
import io.github.otpverification.testsupport.ReadmeExamples.Run;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The README's REST and settings examples, read from README.md and run with bash (curl, jq) as a
 * reader runs them against {@code mvn -Pdemo verify}: the demo's servers with the packaged jar
 * ({@link DemoServer}). Each command's output must be exactly the {@code # } line the README shows
 * after it, and every command must succeed.
 */
@EnabledIf(value = "io.github.otpverification.testsupport.PackagedServers#canStart", disabledReason = PackagedServers.NO_DOCKER)
class ReadmeExamplesIT {

    private static final List<String> SECTIONS = List.of("REST API for apps", "Realm settings");
    private static final String README_BASE_URL = "http://localhost:8080";

    @RegisterExtension
    static final DemoServer demo = new DemoServer();

    @Test
    void restAndSettingsExamplesPrintWhatTheReadmeShows() throws Exception {
        List<Example> examples = ReadmeExamples.read(Path.of("README.md"), SECTIONS);
        assertTrue(examples.size() >= 15, "the README's REST and settings sections have only " + examples.size() + " commands");
        // the state a fresh demo start gives carla, whatever earlier tests did with her
        demo.resetUser("carla");
        VerificationApi api = new VerificationApi(demo.realmUrl(), "demo-cli");
        String admin = api.clientToken("demo-admin", "demo-admin-secret");
        Reply settings = api.get("/settings", admin);
        assertEquals(200, settings.status(), settings.toString());

        List<Run> runs;
        try {
            // with -Pcontainer the server has another URL; the demo's is the README's
            runs = ReadmeExamples.run(examples, demo.baseUrl().equals(README_BASE_URL) ? Map.of() : Map.of(README_BASE_URL, demo.baseUrl()),
                    Duration.ofMinutes(2));
        } finally {
            Reply restored = api.put("/settings", admin, settings.body().toString());
            assertEquals(200, restored.status(), "settings restored: " + restored);
        }

        assertAll(runs.stream().map(run -> (Executable) () -> {
            assertEquals(0, run.exitCode(), run.example() + " failed: " + run.errors());
            assertEquals(run.example().expectedOutput(), run.trimmedOutput(), run.example() + " printed something else"
                    + (run.errors().isBlank() ? "" : " (stderr: " + run.errors() + ")"));
        }));
    }
}
