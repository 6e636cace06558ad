package io.github.otpverification.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.ReadmeExamples;
import io.github.otpverification.testsupport.ReadmeExamples.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the README's shell examples are read ({@code ReadmeExamplesIT} runs them against the demo),
 * and that the README's REST and settings sections keep the regular format: every call shows its
 * output, and the examples use no placeholder codes.
 */
class ReadmeExamplesTest {

    static final List<String> SECTIONS = List.of("REST API for apps", "Realm settings");

    @Test
    void commandsContinuationsOutputsAndRemarks() {
        List<Example> examples = ReadmeExamples.parse(List.of(
                "# Title",
                "## Other section",
                "```bash",
                "echo not read",
                "```",
                "## REST API for apps (`/x`)",
                "text",
                "```bash",
                "KC=http://localhost",
                "# a remark: the line above printed nothing",
                "",
                "# a remark before a command",
                "curl -s \\",
                "  -d x $KC",
                "# {\"a\":1}",
                "#",
                "# second line",
                "```",
                "```json",
                "{\"not\": \"bash\"}",
                "```",
                "### Sub-section",
                "  ```bash",
                "  echo indented",
                "  # indented",
                "  ```",
                "## Next"
        ), SECTIONS);

        assertEquals(3, examples.size(), examples.toString());
        assertEquals("KC=http://localhost", examples.get(0).command());
        assertEquals("a remark: the line above printed nothing", examples.get(0).expectedOutput(),
                "a # line right after a command is its output, whatever it says");
        assertEquals("curl -s \\\n  -d x $KC", examples.get(1).command());
        assertEquals("{\"a\":1}\n\nsecond line", examples.get(1).expectedOutput());
        assertEquals(13, examples.get(1).line());
        assertEquals("echo indented", examples.get(2).command());
        assertEquals("indented", examples.get(2).expectedOutput());
    }

    @Test
    void readmeRestAndSettingsExamplesAreRegular() throws IOException {
        List<Example> examples = ReadmeExamples.read(Path.of("README.md"), SECTIONS);

        assertTrue(examples.size() >= 15, "found only " + examples.size() + " commands: " + examples);
        for (Example example : examples) {
            boolean assignment = example.command().matches("(?s)[A-Za-z_][A-Za-z0-9_]*=.*");
            assertTrue(assignment || !example.expectedOutput().isEmpty(),
                    example + ": a command that prints something shows its output on the # line right after it");
            assertFalse(java.util.regex.Pattern.compile("\"code\":\\s*\"[0-9A-Z]").matcher(example.command()).find(),
                    example + ": no made-up codes, read them from the inbox");
        }
        assertTrue(examples.stream().anyMatch(e -> e.command().contains("/verification/settings")), "the settings example");
        assertTrue(examples.stream().anyMatch(e -> e.command().startsWith("ADMIN=")), "how to get $ADMIN");
    }
}
