package io.github.otpverification.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell examples of README sections, read from the README itself so that the test runs what
 * readers copy. The format (kept regular on purpose):
 *
 * <ul>
 *   <li>examples are {@code ```bash} blocks inside a section whose {@code ## } heading starts with
 *       one of the given titles (down to the next {@code ## } heading);</li>
 *   <li>a command is a line, plus the lines after it while a line ends with {@code \};</li>
 *   <li>the {@code # } lines <em>right after</em> a command are its exact output, one line each
 *       ({@code #} alone is an empty line of output); a command without them prints nothing
 *       (e.g. {@code X=$(...)});</li>
 *   <li>any other {@code #} line (after a blank line or at the start of a block) is a remark.</li>
 * </ul>
 */
public final class ReadmeExamples {

    /** One command as the README shows it, and the output the README says it prints. */
    public record Example(String section, int line, String command, String expectedOutput) {
        @Override
        public String toString() {
            return "README.md line " + line + " (" + section + "): " + command.lines().findFirst().orElse("");
        }
    }

    /** What one command printed when it ran. */
    public record Run(Example example, String output, String errors, int exitCode) {
        /** The output without the line breaks at its end (the README shows none). */
        public String trimmedOutput() {
            return output.replaceAll("\\s+$", "");
        }
    }

    private ReadmeExamples() {
    }

    /**
     * Runs the commands in order in one {@code bash}, so that what one sets ({@code KC=...}) the
     * next ones use, as in a reader's terminal; each command's output goes to its own file.
     * {@code replacements} rewrite the commands first (e.g. another base URL); none for the demo.
     */
    public static List<Run> run(List<Example> examples, java.util.Map<String, String> replacements, java.time.Duration timeout)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("readme-examples");
        try {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < examples.size(); i++) {
                String command = examples.get(i).command();
                for (java.util.Map.Entry<String, String> replacement : replacements.entrySet()) {
                    command = command.replace(replacement.getKey(), replacement.getValue());
                }
                // a group, not a subshell: variables the command sets stay for the next ones
                script.append("{\n").append(command).append("\n} > ").append(i).append(".out 2> ").append(i)
                        .append(".err < /dev/null; echo $? > ").append(i).append(".rc\n");
            }
            Path file = Files.writeString(dir.resolve("examples.sh"), script);
            Process bash = new ProcessBuilder("bash", "--noprofile", "--norc", file.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("bash.log").toFile()).start();
            if (!bash.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                bash.destroyForcibly().waitFor();
                throw new AssertionError("the README examples did not finish within " + timeout);
            }
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                Path rc = dir.resolve(i + ".rc");
                if (!Files.exists(rc)) {
                    throw new AssertionError("bash stopped before " + examples.get(i) + ": " + Files.readString(dir.resolve("bash.log")));
                }
                runs.add(new Run(examples.get(i), Files.readString(dir.resolve(i + ".out")), Files.readString(dir.resolve(i + ".err")),
                        Integer.parseInt(Files.readString(rc).strip())));
            }
            return runs;
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    public static List<Example> read(Path readme, List<String> sectionTitles) throws IOException {
        return parse(Files.readAllLines(readme), sectionTitles);
    }

    public static List<Example> parse(List<String> lines, List<String> sectionTitles) {
        List<Example> examples = new ArrayList<>();
        String section = null;
        boolean inFence = false;
        boolean bash = false;
        String fenceIndent = "";
        Builder current = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String trimmed = raw.strip();
            if (!inFence && trimmed.startsWith("```")) {
                inFence = true;
                bash = trimmed.equals("```bash") && section != null;
                fenceIndent = raw.substring(0, raw.indexOf('`'));
                continue;
            }
            if (inFence && trimmed.equals("```")) {
                inFence = false;
                if (current != null) {
                    examples.add(current.build());
                    current = null;
                }
                continue;
            }
            if (!inFence) {
                if (raw.startsWith("## ")) {
                    String title = raw.substring(3).strip();
                    section = sectionTitles.stream().anyMatch(title::startsWith) ? title : null;
                } else if (raw.startsWith("# ")) {
                    section = null;
                }
                continue;
            }
            if (!bash) {
                continue;
            }
            String line = raw.startsWith(fenceIndent) ? raw.substring(fenceIndent.length()) : raw.strip();
            if (line.isBlank()) {
                if (current != null) {
                    examples.add(current.build());
                    current = null;
                }
            } else if (current != null && current.continues()) {
                current.command.add(line);
            } else if (line.startsWith("#")) {
                if (current != null) {
                    current.output.add(line.equals("#") ? "" : line.startsWith("# ") ? line.substring(2) : line.substring(1));
                }
                // else: a remark before a command
            } else {
                if (current != null) {
                    examples.add(current.build());
                }
                current = new Builder(section, i + 1);
                current.command.add(line);
            }
        }
        if (current != null) {
            examples.add(current.build());
        }
        return examples;
    }

    private static final class Builder {
        final String section;
        final int line;
        final List<String> command = new ArrayList<>();
        final List<String> output = new ArrayList<>();

        Builder(String section, int line) {
            this.section = section;
            this.line = line;
        }

        /** The last command line ends with a backslash, and no output line came yet. */
        boolean continues() {
            return output.isEmpty() && command.get(command.size() - 1).endsWith("\\");
        }

        Example build() {
            return new Example(section, line, String.join("\n", command), String.join("\n", output));
        }
    }
}
