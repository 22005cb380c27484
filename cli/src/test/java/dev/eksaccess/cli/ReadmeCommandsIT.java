package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, read from the README itself and run from the repository root through
 * the ./eks-access launcher, prints what the README says it prints.
 */
class ReadmeCommandsIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theFirstReadmeCommandRunsTheMainJobAndPrintsWhatTheReadmeShows() throws Exception {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        int fence = readme.indexOf("```sh");
        String first = readme.get(fence + 1);
        assertTrue(first.startsWith("./eks-access "), first);
        assertEquals("mvn -B verify", readme.get(fence + 2), "the second command runs the tests");

        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", first).directory(ROOT.toFile())
                .redirectErrorStream(false);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);

        // The README quotes the output in the block after "prints:"; every quoted line must appear.
        int shown = fenceAfter(readme, fenceAfter(readme, fence + 1) + 1);
        int end = fenceAfter(readme, shown + 1);
        for (String line : readme.subList(shown + 1, end)) {
            if (!line.isBlank() && !line.contains("...")) {
                assertTrue(out.contains(line.strip()), "README shows '" + line + "' but the command printed:\n" + out);
            }
        }
    }

    @Test
    void aVariableSetByTheCallerOverridesTheTemplatesValue() {
        CliRun run = JarProcess.run(ROOT, java.util.Map.of("MAX_PARALLEL_CLUSTERS", "0"), List.of(),
                "invoke", "ListAccessFunction", "--event", "events/list.json");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("\"errorType\" : \"java.lang.IllegalStateException\""), run.transcript());
        assertTrue(run.out().contains("MAX_PARALLEL_CLUSTERS must be a whole number from 1 to 64 (got '0')"),
                run.transcript());
    }

    @Test
    void anAccessPolicyFromTheCallersEnvironmentReplacesTheSandboxOne() {
        String onlyReadOnly = "permissionSets:\n  ReadOnlyAccess:\n    username: viewer\n    groups: [eks-viewers]\n"
                + "    clusters: [{region: eu-north-1, tags: {eks-access: enabled}}]\n";
        CliRun run = JarProcess.run(ROOT, java.util.Map.of("ACCESS_POLICY", onlyReadOnly), List.of(),
                "invoke", "SsoAssignmentFunction", "--event", "events/sso-create-user.json");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("\"action\" : \"ignore\""), run.transcript());
        assertTrue(run.out().contains("AdministratorAccess"), run.transcript());
        assertTrue(run.out().contains("  prod: unchanged"), run.transcript());
    }

    /** Index of the first line from {@code from} that opens or closes a code block. */
    private static int fenceAfter(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                return i;
            }
        }
        throw new AssertionError("no code block after line " + from);
    }
}
