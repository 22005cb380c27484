package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.EksTokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./eks-access token} as kubectl runs it: from the token jar, first without a CDS archive (the launcher
 * then trains one in the background), then with it. An archive the JVM cannot use must change nothing the
 * caller sees: stdout is the ExecCredential kubectl parses, and stderr reaches the user's terminal.
 */
class EksAccessLauncherIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path ARCHIVE = ROOT.resolve("cli/target/eks-access-token.jsa");
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String[] TOKEN = {"token", "--cluster-name", "prod-eu", "--region", "eu-north-1"};

    @TempDir
    Path dir;

    @Test
    void theFirstRunTrainsAnArchiveThatTheNextRunsMap() throws Exception {
        deleteArchive();

        CliRun first = JarProcess.runLauncher(ROOT, keys(), TOKEN);

        assertCleanToken(first);
        awaitArchive();
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JarProcess.tokenJar())) > 0);
        // -Xshare:on after the launcher's -Xshare:auto: the JVM refuses to start unless it maps the archive.
        Map<String, String> strict = keys();
        strict.put("EKS_ACCESS_JAVA_OPTS", "-Xshare:on");
        assertCleanToken(JarProcess.runLauncher(ROOT, strict, TOKEN));
    }

    @Test
    void anArchiveTheJvmCannotUseChangesNothingTheCallerSees() throws Exception {
        deleteArchive();
        Files.writeString(ARCHIVE, "not a CDS archive"); // newer than the jar, so the launcher hands it to java
        try {
            assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JarProcess.tokenJar())) > 0);

            assertCleanToken(JarProcess.runLauncher(ROOT, keys(), TOKEN));
        } finally {
            deleteArchive(); // the next run trains a real one
        }
    }

    @Test
    void otherCommandsStillRunTheFullJar() {
        CliRun help = JarProcess.runLauncher(ROOT, Map.of(), "--help");

        assertEquals(0, help.exitCode(), help.transcript());
        assertTrue(help.out().contains("  grant ") && help.out().contains("  token "), help.out());
    }

    private static void assertCleanToken(CliRun run) {
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("", run.err(), "nothing on stderr");
        String token = ExecCredentials.parse(run.out()).token();
        assertEquals("AKIAIOSFODNN7EXAMPLE", EksTokenVerifier.verify(token, "prod-eu", SECRET, Instant.now())
                .accessKeyId());
    }

    private Map<String, String> keys() throws IOException {
        Path empty = dir.resolve("empty");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        return env;
    }

    /** Waits for the background training (lock directory gone, archive there), at most two minutes. */
    private static void awaitArchive() throws InterruptedException {
        Path lock = Path.of(ARCHIVE + ".training");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while ((!Files.exists(ARCHIVE) || Files.exists(lock)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(ARCHIVE) && !Files.exists(lock), "the launcher made no archive at " + ARCHIVE
                + (Files.exists(Path.of(ARCHIVE + ".failed")) ? " (training failed)" : ""));
    }

    private static void deleteArchive() throws IOException {
        Files.deleteIfExists(ARCHIVE);
        Files.deleteIfExists(Path.of(ARCHIVE + ".failed"));
    }
}
